using System.Collections.Generic;
using UnityEngine;

namespace Huddle.Samples.LobbyChat
{
    /// <summary>
    /// A lobby chat in one component: logs in, joins the lobby group (opening it
    /// when nobody has yet), shows its messages and tips, and sends what you type.
    /// Put it on any GameObject of an empty scene and press Play.
    /// </summary>
    /// <remarks>
    /// The client runs in poll mode, and <see cref="Update"/> pumps it
    /// (HuddlePoll): every callback below runs there, on Unity's main thread, so
    /// it may touch the UI and any GameObject. The package's HuddleDispatcher
    /// polls every client too; a second Poll in a frame only runs what is left.
    /// With <see cref="serverUrl"/> empty the engine runs inside this process;
    /// give a huddle-server's URL to chat between players on several machines.
    /// </remarks>
    public sealed class LobbyChat : MonoBehaviour
    {
        [Tooltip("Empty: the embedded engine, in this process. \"ws://host:7480\": a huddle-server.")]
        public string serverUrl = "";

        [Tooltip("Who this player is.")]
        public string userId = "player1";

        [Tooltip("Empty where the engine checks no user_sig; a game gets real ones from its own server.")]
        public string userSig = "";

        [Tooltip("The lobby's group ID: every player who names it chats together.")]
        public string lobbyId = "lobby";

        [Tooltip("Callbacks run per frame at most.")]
        public int maxCallbacksPerFrame = 64;

        [Tooltip("Lines kept on screen.")]
        public int maxLines = 50;

        private HuddleClient client;
        private readonly List<string> lines = new List<string>();
        private string draft = "";
        private Vector2 scroll;

        /// <summary>Where the chat is: "logging in", "in lobby", or what went wrong.</summary>
        public string Status { get; private set; }

        /// <summary>True once the player is a member of the lobby and may send.</summary>
        public bool InLobby { get; private set; }

        /// <summary>The lines on screen, oldest first: "sender: text" and tips in brackets.</summary>
        public IList<string> Lines
        {
            get { return lines.AsReadOnly(); }
        }

        private void Start()
        {
            client = HuddleClient.Create(new SdkConfig
            {
                sdk_config_server_url = string.IsNullOrEmpty(serverUrl) ? null : serverUrl,
                callback_mode = SdkConfig.CallbackModePoll,
            });
            client.AddRecvNewMsgCallback(OnMessages);
            client.SetGroupTipsEventCallback(OnTip);
            client.SetKickedOfflineCallback(userData => SetStatus("signed in elsewhere"));

            SetStatus("logging in as " + userId);
            string sig = string.IsNullOrEmpty(userSig) ? null : userSig;
            Check(client.Login(userId, sig, (code, desc, userData) =>
            {
                if (code != 0)
                    SetStatus("login failed: " + code + " " + desc);
                else
                    JoinLobby(true);
            }), "Login");
        }

        private void Update()
        {
            if (client != null)
                client.Poll(maxCallbacksPerFrame);
        }

        private void OnDestroy()
        {
            // Callbacks still owed run inside Dispose, with code 6013 if unfinished.
            if (client != null)
                client.Dispose();
            client = null;
        }

        /// <summary>Sends a line to the lobby; it shows once the engine has taken it.</summary>
        public void Send(string text)
        {
            if (client == null || !InLobby || string.IsNullOrEmpty(text))
                return;
            var message = new Message
            {
                message_elem_array = new List<Elem> { new Elem { elem_type = HuddleElemType.Text, text_elem_content = text } },
            };
            string messageId;
            Check(client.MsgSendMessage(lobbyId, HuddleConvType.Group, message, out messageId, (code, desc, sent, userData) =>
            {
                // Your own messages do not come back through the new-message callback.
                if (code == 0)
                    AddLine(userId + ": " + text);
                else
                    AddLine("[not sent (" + code + " " + desc + "): " + text + "]");
            }), "MsgSendMessage");
        }

        private void JoinLobby(bool mayCreate)
        {
            SetStatus("joining " + lobbyId);
            Check(client.GroupJoin(lobbyId, "hello from " + userId, (int code, string desc, GroupJoinResult result, string userData) =>
            {
                if (code == 0)
                    EnterLobby();
                else if (code == (int)HuddleCode.GroupNotFound && mayCreate)
                    OpenLobby();
                else
                    SetStatus("could not join " + lobbyId + ": " + code + " " + desc);
            }), "GroupJoin");
        }

        // Nobody has opened the lobby yet: open it, free to join. If another
        // player opened it in the meantime (GroupIdInUse), join theirs.
        private void OpenLobby()
        {
            SetStatus("opening " + lobbyId);
            Check(client.GroupCreate(new CreateGroupParam
            {
                create_group_param_group_id = lobbyId,
                create_group_param_group_name = "Lobby",
                create_group_param_group_type = HuddleGroupType.Public,
                create_group_param_add_option = HuddleGroupAddOption.Any,
            }, (int code, string desc, CreateGroupResult result, string userData) =>
            {
                if (code == 0)
                    EnterLobby();
                else if (code == (int)HuddleCode.GroupIdInUse)
                    JoinLobby(false);
                else
                    SetStatus("could not open " + lobbyId + ": " + code + " " + desc);
            }), "GroupCreate");
        }

        private void EnterLobby()
        {
            InLobby = true;
            SetStatus("in " + lobbyId + " as " + userId);
        }

        private void OnMessages(List<Message> messages, string userData)
        {
            foreach (Message m in messages)
            {
                if (m.message_conv_type != HuddleConvType.Group || m.message_conv_id != lobbyId || m.message_elem_array == null)
                    continue;
                foreach (Elem elem in m.message_elem_array)
                    if (elem.elem_type == HuddleElemType.Text)
                        AddLine(m.message_sender + ": " + elem.text_elem_content);
            }
        }

        private void OnTip(GroupTipsElem tip, string userData)
        {
            if (tip.group_tips_elem_group_id != lobbyId)
                return;
            string who = tip.group_tips_elem_user_array == null ? "" : string.Join(", ", tip.group_tips_elem_user_array.ToArray());
            AddLine("[" + tip.group_tips_elem_tip_type + " " + who + "]");
        }

        private void OnGUI()
        {
            GUILayout.BeginArea(new Rect(10, 10, 420, 360));
            GUILayout.Label(Status);
            scroll = GUILayout.BeginScrollView(scroll, GUILayout.Height(260));
            foreach (string line in lines)
                GUILayout.Label(line);
            GUILayout.EndScrollView();
            GUILayout.BeginHorizontal();
            draft = GUILayout.TextField(draft, 200, GUILayout.Width(320));
            if (GUILayout.Button("Send") && InLobby)
            {
                Send(draft);
                draft = "";
            }
            GUILayout.EndHorizontal();
            GUILayout.EndArea();
        }

        private void AddLine(string line)
        {
            lines.Add(line);
            if (lines.Count > maxLines)
                lines.RemoveAt(0);
            scroll.y = float.MaxValue;
        }

        private void SetStatus(string status)
        {
            Status = status;
            Debug.Log("LobbyChat: " + status);
        }

        private void Check(HuddleResult result, string call)
        {
            if (result != HuddleResult.Succ)
                SetStatus(call + " refused: " + result + " (" + HuddleClient.ResultString((int)result) + ")");
        }
    }
}
