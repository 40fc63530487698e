using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using AOT;

namespace Huddle
{
    // Media messages: an elem naming a local file (image_elem_orig_path,
    // sound_elem_file_path, file_elem_file_path, video_elem_video_path) is
    // sent with MsgSendMessage once the file is stored; these follow the
    // upload, stop it, and download what arrives.
    public sealed partial class HuddleClient
    {
        private static readonly NativeMethods.MsgElemUploadProgressCallback UploadProgressTrampoline = OnUploadProgress;
        private volatile MsgElemUploadProgressCallback msgElemUploadProgress;

        /// <summary>Sets the listener of media uploads' progress (HuddleSetMsgElemUploadProgressCallback): at least once per percent per file, up to cur_size == total_size, before the send's callback. Null removes it.</summary>
        public void SetMsgElemUploadProgressCallback(MsgElemUploadProgressCallback callback)
        {
            msgElemUploadProgress = callback;
            NativeMethods.HuddleSetMsgElemUploadProgressCallback(handle, callback == null ? null : UploadProgressTrampoline, new IntPtr(id));
        }

        [MonoPInvokeCallback(typeof(NativeMethods.MsgElemUploadProgressCallback))]
        private static void OnUploadProgress(IntPtr jsonMsg, uint index, uint curSize, uint totalSize, IntPtr userData)
        {
            Notify(userData, client => client.msgElemUploadProgress,
                callback => callback(Json.Decode<Message>(Utf8.Decode(jsonMsg)), index, curSize, totalSize, "SetMsgElemUploadProgressCallback"));
        }

        /// <summary>Stops the send of <paramref name="messageId"/> while its files are stored (HuddleMsgCancelSend): its send then fails with 8021. The callback gets 8020 when no such send is under way. Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult MsgCancelSend(string convId, HuddleConvType convType, string messageId, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgCancelSend(h, Utf8.Encode(convId), (int)convType, Utf8.Encode(messageId), cb, ud), Null(callback));
        }

        /// <summary>Downloads a received elem's file to <paramref name="path"/>, whole or not at all (HuddleMsgDownloadElemToPath); 6009 when there is no such file. Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult MsgDownloadElemToPath(DownloadElemParam param, string path, ValueCallback<MsgDownloadElemResult> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgDownloadElemToPath(h, Json.Encode(param), Utf8.Encode(path), cb, ud), Value(callback));
        }

        /// <summary>The messages of a received merged message (HuddleMsgDownloadMergerMessage). Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult MsgDownloadMergerMessage(Message message, ValueCallback<List<Message>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgDownloadMergerMessage(h, Json.Encode(message), cb, ud), Value(callback));
        }

        /// <summary>The Task form of <c>MsgCancelSend</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task MsgCancelSendAsync(string convId, HuddleConvType convType, string messageId) => ToTask(cb => MsgCancelSend(convId, convType, messageId, cb));

        /// <summary>The Task form of <c>MsgDownloadElemToPath</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task<MsgDownloadElemResult> MsgDownloadElemToPathAsync(DownloadElemParam param, string path) =>
            ToTask<MsgDownloadElemResult>(cb => MsgDownloadElemToPath(param, path, cb));

        /// <summary>The Task form of <c>MsgDownloadMergerMessage</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task<List<Message>> MsgDownloadMergerMessageAsync(Message message) => ToTask<List<Message>>(cb => MsgDownloadMergerMessage(message, cb));
    }
}
