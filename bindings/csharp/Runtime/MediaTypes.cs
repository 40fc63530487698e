using System.Collections.Generic;

// The media elems' keys (Tencent's ImageElem, SoundElem, FileElem, VideoElem,
// FaceElem, LocationElem, MergerElem) and the download types. A sender sets
// the *_path keys (and merge_elem_message_array); receivers get the IDs,
// sizes and URLs of what was stored. Numbers are nullable: unset, not sent.
namespace Huddle
{
    public partial class Elem
    {
        /// <summary>Sending an image: its local path (UTF-8).</summary>
        public string image_elem_orig_path;
        /// <summary>Tencent's TIMImageLevel: 0 original, 1 compressed, 2 HD (all three sizes are made whatever it is).</summary>
        public uint? image_elem_level;
        /// <summary>Received: 1 JPG, 2 GIF, 3 PNG, 4 BMP, 255 other.</summary>
        public uint? image_elem_format;
        /// <summary>Received: the original's ID (for MsgDownloadElemToPath).</summary>
        public string image_elem_orig_id;
        /// <summary>Received: the original's width in pixels.</summary>
        public uint? image_elem_orig_pic_width;
        /// <summary>Received: the original's height in pixels.</summary>
        public uint? image_elem_orig_pic_height;
        /// <summary>Received: the original's size in bytes.</summary>
        public ulong? image_elem_orig_pic_size;
        /// <summary>Received: the original's URL.</summary>
        public string image_elem_orig_url;
        /// <summary>Received: the large copy's ID (shorter side 720 pixels, or the original when smaller).</summary>
        public string image_elem_large_id;
        /// <summary>Received: the large copy's width.</summary>
        public uint? image_elem_large_pic_width;
        /// <summary>Received: the large copy's height.</summary>
        public uint? image_elem_large_pic_height;
        /// <summary>Received: the large copy's size in bytes.</summary>
        public ulong? image_elem_large_pic_size;
        /// <summary>Received: the large copy's URL.</summary>
        public string image_elem_large_url;
        /// <summary>Received: the thumbnail's ID (shorter side 198 pixels, or the original when smaller).</summary>
        public string image_elem_thumb_id;
        /// <summary>Received: the thumbnail's width.</summary>
        public uint? image_elem_thumb_pic_width;
        /// <summary>Received: the thumbnail's height.</summary>
        public uint? image_elem_thumb_pic_height;
        /// <summary>Received: the thumbnail's size in bytes.</summary>
        public ulong? image_elem_thumb_pic_size;
        /// <summary>Received: the thumbnail's URL.</summary>
        public string image_elem_thumb_url;

        /// <summary>Sending a sound: its local path.</summary>
        public string sound_elem_file_path;
        /// <summary>The sound's size in bytes (set from the file when sent).</summary>
        public ulong? sound_elem_file_size;
        /// <summary>The sound's length in seconds, as the sender gives it.</summary>
        public uint? sound_elem_file_time;
        /// <summary>Received: the sound's ID.</summary>
        public string sound_elem_file_id;
        /// <summary>Received: always 0 (Tencent's business ID).</summary>
        public uint? sound_elem_business_id;
        /// <summary>Received: the sound's URL.</summary>
        public string sound_elem_url;

        /// <summary>Sending a file: its local path.</summary>
        public string file_elem_file_path;
        /// <summary>The name shown; by default the path's file name.</summary>
        public string file_elem_file_name;
        /// <summary>The file's size in bytes (set from the file when sent).</summary>
        public ulong? file_elem_file_size;
        /// <summary>Received: the file's ID.</summary>
        public string file_elem_file_id;
        /// <summary>Received: always 0 (Tencent's business ID).</summary>
        public uint? file_elem_business_id;
        /// <summary>Received: the file's URL.</summary>
        public string file_elem_url;

        /// <summary>The video's type ("mp4", ...), as the sender gives it.</summary>
        public string video_elem_video_type;
        /// <summary>The video's size in bytes (set from the file when sent).</summary>
        public ulong? video_elem_video_size;
        /// <summary>The video's length in seconds, as the sender gives it.</summary>
        public uint? video_elem_video_duration;
        /// <summary>Sending a video: its local path.</summary>
        public string video_elem_video_path;
        /// <summary>Received: the video's ID.</summary>
        public string video_elem_video_id;
        /// <summary>Received: always 0 (Tencent's business ID).</summary>
        public uint? video_elem_business_id;
        /// <summary>Received: the video's URL.</summary>
        public string video_elem_video_url;
        /// <summary>The snapshot's type ("png", ...), as the sender gives it.</summary>
        public string video_elem_image_type;
        /// <summary>The snapshot's size in bytes (set from the file when sent).</summary>
        public ulong? video_elem_image_size;
        /// <summary>The snapshot's width, as the sender gives it.</summary>
        public uint? video_elem_image_width;
        /// <summary>The snapshot's height, as the sender gives it.</summary>
        public uint? video_elem_image_height;
        /// <summary>Sending a video: its snapshot's local path.</summary>
        public string video_elem_image_path;
        /// <summary>Received: the snapshot's ID.</summary>
        public string video_elem_image_id;
        /// <summary>Received: the snapshot's URL.</summary>
        public string video_elem_image_url;

        /// <summary>A face: its index in the app's own set.</summary>
        public int? face_elem_index;
        /// <summary>A face: the app's own data, passed through.</summary>
        public string face_elem_buf;

        /// <summary>A location's description.</summary>
        public string location_elem_desc;
        /// <summary>A location's longitude.</summary>
        public double? location_elem_longitude;
        /// <summary>A location's latitude.</summary>
        public double? location_elem_latitude;

        /// <summary>A merged message's title.</summary>
        public string merge_elem_title;
        /// <summary>A merged message's summary lines.</summary>
        public List<string> merge_elem_abstract_array;
        /// <summary>A merged message's text for SDKs that cannot show one; required, not empty.</summary>
        public string merge_elem_compatible_text;
        /// <summary>Sending a merged message: its 1 to 300 messages (no group tips or reports); receivers download them.</summary>
        public List<Message> merge_elem_message_array;
        /// <summary>Received: the key of the merged messages, which MsgDownloadMergerMessage fetches.</summary>
        public string merge_elem_relay_json_key;
        /// <summary>Received: always false (Huddle does not count nesting).</summary>
        public bool? merge_elem_layer_over_limit;
    }

    /// <summary>Tencent's TIMDownloadType.</summary>
    public enum HuddleDownloadType
    {
        /// <summary>A video's snapshot (0).</summary>
        VideoThumb = 0,
        /// <summary>A file (1); also any image size, which Tencent has no type for.</summary>
        File = 1,
        /// <summary>A video (2).</summary>
        Video = 2,
        /// <summary>A sound (3).</summary>
        Sound = 3,
    }

    /// <summary>What MsgDownloadElemToPath downloads: an elem's file ID (or its URL).</summary>
    public class DownloadElemParam
    {
        /// <summary>JSON key <c>msg_download_elem_param_type</c>: checked to be a HuddleDownloadType.</summary>
        public HuddleDownloadType? msg_download_elem_param_type;
        /// <summary>JSON key <c>msg_download_elem_param_id</c>: the elem's *_id of the file.</summary>
        public string msg_download_elem_param_id;
        /// <summary>JSON key <c>msg_download_elem_param_business_id</c>: ignored.</summary>
        public uint? msg_download_elem_param_business_id;
        /// <summary>JSON key <c>msg_download_elem_param_url</c>: the file's URL, used when there is no ID.</summary>
        public string msg_download_elem_param_url;
    }

    /// <summary>What a download wrote.</summary>
    public class MsgDownloadElemResult
    {
        /// <summary>JSON key <c>msg_download_elem_result_current_size</c>: bytes written (the whole file).</summary>
        public ulong msg_download_elem_result_current_size;
        /// <summary>JSON key <c>msg_download_elem_result_total_size</c>: the file's size.</summary>
        public ulong msg_download_elem_result_total_size;
    }

    /// <summary>Hears a media upload go: the message being sent, the elem's index, the bytes stored so far and the file's size.</summary>
    public delegate void MsgElemUploadProgressCallback(Message message, uint index, uint cur_size, uint total_size, string user_data);
}
