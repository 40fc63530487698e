using System;
using System.Runtime.InteropServices;
using System.Text;

namespace Huddle
{
    /// <summary>
    /// UTF-8 both ways, never the platform's ANSI code page: C# strings become
    /// NUL-terminated byte arrays that P/Invoke pins for the call, and the
    /// library's strings are copied out before its callback returns.
    /// </summary>
    internal static class Utf8
    {
        private static readonly UTF8Encoding Encoding = new UTF8Encoding(false);

        internal static byte[] Encode(string s)
        {
            if (s == null)
                return null;
            var bytes = new byte[Encoding.GetByteCount(s) + 1];
            Encoding.GetBytes(s, 0, s.Length, bytes, 0);
            return bytes;
        }

        internal static string Decode(IntPtr p)
        {
            if (p == IntPtr.Zero)
                return null;
            int len = 0;
            while (Marshal.ReadByte(p, len) != 0)
                len++;
            var bytes = new byte[len];
            Marshal.Copy(p, bytes, 0, len);
            return Encoding.GetString(bytes);
        }

        /// <summary>The NUL-terminated string a C function wrote into <paramref name="buf"/>.</summary>
        internal static string DecodeBuffer(byte[] buf)
        {
            int len = Array.IndexOf(buf, (byte)0);
            return Encoding.GetString(buf, 0, len < 0 ? buf.Length : len);
        }
    }
}
