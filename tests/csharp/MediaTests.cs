using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Huddle;

// Media messages: alice sends bob a file and a merged message; the upload's
// progress is heard, bob downloads the file byte for byte and the merged
// messages, and a send already done cannot be cancelled.
internal static partial class HuddleTests
{
    private static void MediaFilesAndMergedMessages()
    {
        AliceOf();
        var dir = Path.Combine(Path.GetTempPath(), "huddle-cs-media-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var received = new List<Message>();
        RecvNewMsgCallback onMessages = (messages, userData) => received.AddRange(messages);
        bob.Client.AddRecvNewMsgCallback(onMessages);
        try
        {
            var bytes = new byte[1024 * 1024 + 3];
            for (int i = 0; i < bytes.Length; i++)
                bytes[i] = (byte)(((long)i * 2654435761L) >> 13);
            var path = Path.Combine(dir, "save.dat");
            File.WriteAllBytes(path, bytes);

            uint lastCur = 0, lastTotal = 0;
            string progressOf = null;
            alice.Client.SetMsgElemUploadProgressCallback((message, index, cur, total, userData) =>
            {
                Eq("SetMsgElemUploadProgressCallback", userData, "progress user_data");
                Eq(0u, index, "the file is elem 0");
                Check(cur >= lastCur, "progress only rises");
                lastCur = cur;
                lastTotal = total;
                progressOf = message.message_msg_id;
            });
            var list = new List<Message>
            {
                new Message { message_sender = "carol", message_elem_array = new List<Elem> { new Elem { elem_type = HuddleElemType.Text, text_elem_content = "gg" } } },
            };
            var msg = new Message
            {
                message_elem_array = new List<Elem>
                {
                    new Elem { elem_type = HuddleElemType.File, file_elem_file_path = path },
                    new Elem { elem_type = HuddleElemType.Merge, merge_elem_title = "replay", merge_elem_compatible_text = "[replay]", merge_elem_message_array = list },
                    new Elem { elem_type = HuddleElemType.Location, location_elem_desc = "base", location_elem_longitude = 2.5, location_elem_latitude = 48.5 },
                },
            };
            string messageId;
            Message sent = null;
            int sentCode = -1;
            Eq(HuddleResult.Succ, alice.Client.MsgSendMessage("bob", HuddleConvType.C2C, msg, out messageId, (code, desc, data, userData) =>
            {
                sentCode = code;
                sent = data;
            }), "MsgSendMessage with a file");
            PollUntil(() => sentCode >= 0);
            Eq(0, sentCode, "the media message is sent");
            Eq((uint)bytes.Length, lastTotal, "progress names the file's size");
            Eq(lastTotal, lastCur, "progress reaches 100%");
            Eq(messageId, progressOf, "progress names the message");
            Check(sent != null && sent.message_elem_array[0].file_elem_file_path == null, "the path is not sent");

            PollUntil(() => received.Any(m => m.message_msg_id == messageId));
            var got = received.First(m => m.message_msg_id == messageId);
            var file = got.message_elem_array[0];
            Eq("save.dat", file.file_elem_file_name, "file name");
            Eq((ulong?)(ulong)bytes.Length, file.file_elem_file_size, "file size");
            Eq(48.5, got.message_elem_array[2].location_elem_latitude ?? 0, "location");

            var copy = Path.Combine(dir, "copy.dat");
            var result = Await(bob.Client.MsgDownloadElemToPathAsync(new DownloadElemParam
            {
                msg_download_elem_param_type = HuddleDownloadType.File,
                msg_download_elem_param_id = file.file_elem_file_id,
            }, copy));
            Eq((ulong)bytes.Length, result.msg_download_elem_result_total_size, "downloaded size");
            Check(File.ReadAllBytes(copy).SequenceEqual(bytes), "the download is the file, byte for byte");

            var merged = Await(bob.Client.MsgDownloadMergerMessageAsync(got));
            Eq("gg", merged[0].message_elem_array[0].text_elem_content, "the merged messages come back");

            var missing = Do<MsgDownloadElemResult>(cb => bob.Client.MsgDownloadElemToPath(new DownloadElemParam { msg_download_elem_param_id = new string('0', 64) }, Path.Combine(dir, "none"), cb));
            Eq((int)HuddleCode.FileTransDownloadFailed, missing.Code, "no such file");
            var cancel = Do(cb => alice.Client.MsgCancelSend("bob", HuddleConvType.C2C, messageId, cb));
            Eq((int)HuddleCode.InvalidCancelMessage, cancel.Code, "a sent message is not cancellable");
            try
            {
                Await(alice.Client.MsgCancelSendAsync("bob", HuddleConvType.C2C, messageId));
                Fail("MsgCancelSendAsync of a sent message completed");
            }
            catch (AggregateException e)
            {
                Eq((int)HuddleCode.InvalidCancelMessage, ((HuddleException)e.InnerException).Code, "the Task faults with 8020");
            }
            var missingFile = Do<Message>(cb =>
            {
                string id;
                return alice.Client.MsgSendMessage("bob", HuddleConvType.C2C, new Message
                {
                    message_elem_array = new List<Elem> { new Elem { elem_type = HuddleElemType.Image, image_elem_orig_path = Path.Combine(dir, "nowhere.png") } },
                }, out id, cb);
            });
            Eq((int)HuddleCode.FileNotFound, missingFile.Code, "no such image: 7004");
        }
        finally
        {
            alice.Client.SetMsgElemUploadProgressCallback(null);
            bob.Client.RemoveRecvNewMsgCallback(onMessages);
            Directory.Delete(dir, true);
        }
    }
}
