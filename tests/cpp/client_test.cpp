// Tests of huddle.hpp against the real library (embedded engine, in memory).
// Clients of one process share one engine, so every test uses its own group
// IDs. Run by tests/cpp/run.sh, also under valgrind and AddressSanitizer.
#include <huddle.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <stdlib.h>
#include <unistd.h>

namespace {

int checks_failed = 0;

#define CHECK(cond)                                                 \
  do {                                                              \
    if (!(cond)) {                                                  \
      std::printf("  %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
      ++checks_failed;                                              \
    }                                                               \
  } while (0)

bool Has(const std::string& json, const std::string& part) { return json.find(part) != std::string::npos; }

// Under valgrind everything runs tens of times slower.
constexpr auto kPatience = std::chrono::seconds(30);

/** Collects what a listener hears on the dispatcher thread, for the test thread to wait on. */
class Recorder {
 public:
  void Add(std::string_view entry) {
    std::lock_guard<std::mutex> lock(mutex_);
    entries_.emplace_back(entry);
    changed_.notify_all();
  }

  /** Waits for an entry, from the first-th on, containing every part; returns it, or "" after kPatience. */
  std::string Await(std::initializer_list<std::string> parts, std::size_t first = 0) {
    std::unique_lock<std::mutex> lock(mutex_);
    std::string found;
    changed_.wait_for(lock, kPatience, [&] {
      for (std::size_t i = first; i < entries_.size(); ++i) {
        const std::string& entry = entries_[i];
        bool all = true;
        for (const auto& part : parts) {
          all = all && Has(entry, part);
        }
        if (all) {
          found = entry;
          return true;
        }
      }
      return false;
    });
    return found;
  }

  std::size_t Size() {
    std::lock_guard<std::mutex> lock(mutex_);
    return entries_.size();
  }

  std::vector<std::string> Entries() {
    std::lock_guard<std::mutex> lock(mutex_);
    return entries_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> entries_;
};

/** Every string value of key in json, in order (the tests' strings hold no escaped quotes). */
std::vector<std::string> Values(const std::string& json, const std::string& key) {
  std::vector<std::string> values;
  const std::string start = "\"" + key + "\":\"";
  for (auto at = json.find(start); at != std::string::npos; at = json.find(start, at)) {
    at += start.size();
    values.push_back(json.substr(at, json.find('"', at) - at));
  }
  return values;
}

/** The texts of the messages recorded, in the order they arrived; group tips have none. */
std::vector<std::string> Texts(Recorder& messages) {
  std::vector<std::string> texts;
  for (const auto& entry : messages.Entries()) {
    for (auto& text : Values(entry, "text_elem_content")) {
      texts.push_back(std::move(text));
    }
  }
  return texts;
}

std::string TextMessage(const std::string& text) {
  return "{\"message_elem_array\":[{\"elem_type\":0,\"text_elem_content\":\"" + text + "\"}]}";
}

std::string MsgIdParam(const std::string& message_id) { return "{\"message_msg_id\":\"" + message_id + "\"}"; }

std::string Tip(int type) { return "\"group_tips_elem_tip_type\":" + std::to_string(type) + ","; }

/** The huddle::Error code that f() throws, or 0 when it returns. */
template <typename F>
int32_t CodeOf(F&& f) {
  try {
    f();
    return 0;
  } catch (const huddle::Error& e) {
    CHECK(!e.desc().empty());
    return e.code();
  }
}

/** The code a future fails with, or 0 when it succeeds. */
int32_t CodeOf(std::future<std::string> result) {
  return CodeOf([&result] { result.get(); });
}

/** A logged-in client whose group tips go to a recorder that outlives it. */
struct User {
  Recorder tips;
  huddle::Client client;

  explicit User(const std::string& id, std::string_view config = {}) : client(config) {
    client.SetGroupTipsEventCallback([this](std::string_view tip) { tips.Add(tip); });
    client.Login(id).get();
  }
};

std::string CreateParam(const std::string& id, int type) {
  return "{\"create_group_param_group_id\":\"" + id + "\",\"create_group_param_group_name\":\"" + id +
         "\",\"create_group_param_group_type\":" + std::to_string(type) + "}";
}

void TestVersionAndStatics() {
  CHECK(huddle::GetSDKVersion() == HUDDLE_VERSION);
  CHECK(!huddle::ResultString(HUDDLE_ERR_JSON).empty());
  std::string sig = huddle::GenUserSig("secret", 7, "carol", 600);
  // TLSSigAPIv2: zlib in Tencent's URL-safe base64 (`*`, `-`, `_` for `+`, `/`, `=`).
  const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789*-_";
  CHECK(sig.size() > 100 && sig.find_first_not_of(alphabet) == std::string::npos);
}

void TestPublicGroupLifecycle() {
  User alice("alice");
  User bob("bob");
  const std::string g = "cpp_public";
  CHECK(alice.client.GetLoginUserID() == "alice");
  CHECK(alice.client.GetLoginStatus() == HUDDLE_STATUS_LOGGED_IN);

  CHECK(Has(alice.client.GroupCreate(CreateParam(g, 0)).get(), "\"create_group_result_groupid\":\"" + g + "\""));
  CHECK(!alice.tips.Await({Tip(12), g}).empty());

  CHECK(Has(bob.client.GroupJoin(g, "hi").get(), "\"group_join_result_status\":1"));
  CHECK(!alice.tips.Await({Tip(14), "\"group_tips_elem_op_user\":\"bob\"", "\"group_tips_elem_msg\":\"hi\""}).empty());

  std::string pending = alice.client.GroupGetPendencyList("{}").get();
  CHECK(Has(pending, "\"group_pendency_form_identifier\":\"bob\""));
  alice.client.GroupReportPendencyReaded(4102444800).get();
  CHECK(Has(alice.client.GroupGetPendencyList().get(), "\"group_pendency_result_unread_num\":0"));

  alice.client
      .GroupHandlePendency("{\"group_handle_pendency_param_is_accept\":true,\"group_handle_pendency_param_pendency\":"
                           "{\"group_pendency_group_id\":\"" + g + "\",\"group_pendency_form_identifier\":\"bob\"}}")
      .get();
  for (Recorder* tips : {&alice.tips, &bob.tips}) {
    CHECK(!tips->Await({Tip(1), g, "\"group_tips_elem_join_type\":1"}).empty());
  }

  CHECK(Has(bob.client.GroupGetJoinedGroupList().get(), g));
  std::string info = bob.client.GroupGetGroupInfoList("[\"" + g + "\"]").get();
  CHECK(Has(info, "\"group_detail_info_member_num\":2"));
  CHECK(Has(info, "\"group_detail_info_owner_identifier\":\"alice\""));

  alice.client
      .GroupModifyGroupInfo("{\"group_modify_info_param_group_id\":\"" + g +
                            "\",\"group_modify_info_param_modify_flag\":1,\"group_modify_info_param_group_name\":\"Raid\"}")
      .get();
  CHECK(!bob.tips.Await({Tip(6), g}).empty());

  bob.client
      .GroupModifyMemberInfo("{\"group_modify_member_info_group_id\":\"" + g +
                             "\",\"group_modify_member_info_identifier\":\"bob\","
                             "\"group_modify_member_info_modify_flag\":8,\"group_modify_member_info_name_card\":\"Bobby\"}")
      .get();
  CHECK(!alice.tips.Await({Tip(7), g}).empty());
  std::string members =
      alice.client.GroupGetMemberInfoList("{\"group_get_members_info_list_param_group_id\":\"" + g + "\"}").get();
  CHECK(Has(members, "\"alice\"") && Has(members, "Bobby"));

  alice.client
      .GroupModifyMuteAllowlist("{\"group_mute_allowlist_param_group_id\":\"" + g +
                                "\",\"group_mute_allowlist_param_identifier_array\":[\"bob\"],"
                                "\"group_mute_allowlist_param_is_add\":true}")
      .get();
  CHECK(!bob.tips.Await({Tip(16), g}).empty());
  CHECK(bob.client.GroupGetMuteAllowlist(g).get() == "[\"bob\"]");

  CHECK(CodeOf(alice.client.AdminGetGroupMemberIDList(g)) == HUDDLE_CODE_PERMISSION_DENIED);
  CHECK(CodeOf(alice.client.GroupQuit(g)) == HUDDLE_CODE_OWNER_MAY_NOT_QUIT);

  bob.client.GroupQuit(g).get();
  CHECK(!alice.tips.Await({Tip(2), g}).empty());
  CHECK(!Has(bob.client.GroupGetJoinedGroupList().get(), g));

  alice.client.GroupDelete(g).get();
  CHECK(!alice.tips.Await({Tip(13), g}).empty());
  CHECK(Has(alice.client.GroupGetGroupInfoList("[\"" + g + "\"]").get(), "\"get_groups_info_result_code\":10010"));

  bob.client.Logout().get();
  CHECK(bob.client.GetLoginStatus() == HUDDLE_STATUS_LOGGED_OUT);
}

void TestWorkGroupAndAdmin() {
  User alice("alice");
  User bob("bob");
  User root("root", "{\"sdk_config_admin_user_ids\":[\"root\"]}");
  const std::string g = "cpp_work";

  alice.client.GroupCreate(CreateParam(g, 1)).get();
  CHECK(CodeOf(bob.client.GroupJoin(g)) == HUDDLE_CODE_JOIN_WORK_GROUP_DENIED);

  std::string invited = alice.client
                            .GroupInviteMember("{\"group_invite_member_param_group_id\":\"" + g +
                                               "\",\"group_invite_member_param_identifier_array\":[\"bob\"]}")
                            .get();
  CHECK(Has(invited, "\"group_invite_member_result_result\":1"));
  CHECK(!bob.tips.Await({Tip(1), g, "\"group_tips_elem_join_type\":2"}).empty());

  CHECK(root.client.AdminGetGroupMemberIDList(g).get() == "[\"alice\",\"bob\"]");
  CHECK(Has(root.client.AdminGetUserGroupList("bob").get(), g));

  std::string removed = alice.client
                            .GroupDeleteMember("{\"group_delete_member_param_group_id\":\"" + g +
                                               "\",\"group_delete_member_param_identifier_array\":[\"bob\"]}")
                            .get();
  CHECK(Has(removed, "\"group_delete_member_result_result\":1"));
  CHECK(!bob.tips.Await({Tip(3), g}).empty());

  CHECK(CodeOf(alice.client.GroupDelete(g)) == HUDDLE_CODE_PERMISSION_DENIED);
  alice.client.GroupQuit(g).get();
  root.client.GroupDelete(g).get();
}

void TestErrors() {
  huddle::Client client;
  CHECK(CodeOf([&] { (void)client.GetLoginUserID(); }) == HUDDLE_ERR_NOTLOGIN);
  client.Login("erin").get();

  // A synchronous refusal throws at once, and the callback never runs.
  bool ran = false;
  try {
    client.GroupCreate("{not json", [&ran](int32_t, std::string_view, std::string_view) { ran = true; });
    CHECK(false);
  } catch (const huddle::Error& e) {
    CHECK(e.code() == HUDDLE_ERR_JSON);
    CHECK(e.desc() == huddle::ResultString(HUDDLE_ERR_JSON));
    CHECK(Has(e.what(), "-3"));
  }
  CHECK(CodeOf([&] { (void)client.GroupInviteMember("{}"); }) == HUDDLE_ERR_PARAM);

  // An asynchronous error: the future throws it, the callback gets it.
  try {
    client.GroupDelete("cpp_no_such_group").get();
    CHECK(false);
  } catch (const huddle::Error& e) {
    CHECK(e.code() == HUDDLE_CODE_GROUP_NOT_FOUND);
    CHECK(Has(e.desc(), "cpp_no_such_group"));
    CHECK(e.json() == "{}");
  }
  std::promise<int32_t> code;
  client.GroupQuit("cpp_no_such_group", [&code](int32_t c, std::string_view, std::string_view) { code.set_value(c); });
  CHECK(code.get_future().get() == HUDDLE_CODE_GROUP_NOT_FOUND);
  CHECK(!ran);

  // A moved-from client refuses everything with HUDDLE_ERR_SDKUNINIT.
  huddle::Client other = std::move(client);
  CHECK(CodeOf([&] { (void)client.Logout(); }) == HUDDLE_ERR_SDKUNINIT);
  CHECK(CodeOf([&] { client.SetGroupTipsEventCallback([](std::string_view) {}); }) == HUDDLE_ERR_SDKUNINIT);
  CHECK(other.GetLoginUserID() == "erin");
}

void TestCallbacksWithCaptures() {
  huddle::Client client;
  client.Login("frank").get();
  const auto caller = std::this_thread::get_id();

  std::promise<std::string> got;
  auto token = std::make_unique<std::string>("move-only capture");
  std::string prefix = "by value: ";
  int calls = 0;
  client.GroupCreate(CreateParam("cpp_captures", 0),
                     [&got, &calls, caller, prefix, token = std::move(token)](int32_t code, std::string_view,
                                                                              std::string_view json) mutable {
                       ++calls;
                       CHECK(std::this_thread::get_id() != caller);
                       got.set_value(prefix + *token + " " + std::to_string(code) + " " + std::string(json));
                     });
  std::string result = got.get_future().get();
  CHECK(result == "by value: move-only capture 0 {\"create_group_result_groupid\":\"cpp_captures\"}");
  CHECK(calls == 1);

  // Any callable: a std::function, and a plain function object.
  std::promise<int32_t> via_function;
  std::function<void(int32_t, std::string_view, std::string_view)> fn =
      [&via_function](int32_t code, std::string_view, std::string_view) { via_function.set_value(code); };
  client.GroupDelete("cpp_captures", fn);
  CHECK(via_function.get_future().get() == 0);

  Recorder network;
  client.SetNetworkStatusListenerCallback([&network](int32_t status, int32_t code, std::string_view desc) {
    network.Add(std::to_string(status) + "/" + std::to_string(code) + "/" + std::string(desc));
  });
  CHECK(!network.Await({"0/0/"}).empty());
  client.SetNetworkStatusListenerCallback(nullptr);
  client.SetKickedOfflineCallback([] {});
  client.SetKickedOfflineCallback({});
  client.SetUserSigExpiredCallback([] {});
  client.SetUserSigExpiredCallback({});
  uint64_t now = static_cast<uint64_t>(std::time(nullptr));
  uint64_t server = client.GetServerTime();
  CHECK(server + 2 >= now && server <= now + 2);
}

void TestListenersSurviveMoveAndReplace() {
  Recorder first;
  Recorder second;
  huddle::Client alice;
  alice.SetGroupTipsEventCallback([&first](std::string_view tip) { first.Add(tip); });
  huddle::Client moved(std::move(alice));
  moved.Login("alice").get();
  moved.GroupCreate(CreateParam("cpp_moved_1", 0)).get();
  CHECK(!first.Await({Tip(12), "cpp_moved_1"}).empty());

  huddle::Client assigned;
  assigned = std::move(moved);
  assigned.SetGroupTipsEventCallback([&second](std::string_view tip) { second.Add(tip); });
  assigned.GroupCreate(CreateParam("cpp_moved_2", 0)).get();
  CHECK(!second.Await({Tip(12), "cpp_moved_2"}).empty());
  CHECK(first.Size() == 1);

  assigned.SetGroupTipsEventCallback(nullptr);
  assigned.GroupDelete("cpp_moved_1").get();
  assigned.GroupDelete("cpp_moved_2").get();
  CHECK(first.Size() == 1 && second.Size() == 1);
}

void TestPollMode() {
  huddle::Client client("{\"callback_mode\":\"poll\"}");
  std::atomic<int> wakes{0};
  client.SetWakeCallback([&wakes] { ++wakes; });
  const auto caller = std::this_thread::get_id();
  bool done = false;
  client.Login("gina", "", [&](int32_t code, std::string_view, std::string_view) {
    CHECK(code == 0);
    CHECK(std::this_thread::get_id() == caller);
    done = true;
  });
  const auto deadline = std::chrono::steady_clock::now() + kPatience;
  while (!done && std::chrono::steady_clock::now() < deadline) {
    if (client.Poll(16) == 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  CHECK(done);
  CHECK(wakes > 0);
  client.SetWakeCallback(nullptr);

  // Owed callbacks run in the destructor: here a future is fulfilled without any Poll.
  std::future<std::string> never_polled = client.GroupGetJoinedGroupList();
  {
    huddle::Client gone = std::move(client);
  }
  CHECK(never_polled.wait_for(std::chrono::seconds(0)) == std::future_status::ready);
  int32_t code = CodeOf(std::move(never_polled));
  CHECK(code == 0 || code == HUDDLE_CODE_SDK_NOT_INITIALIZED);
}

void TestDestroyWithCallsInFlight() {
  constexpr int kCalls = 200;
  auto ran = std::make_shared<std::atomic<int>>(0);
  std::vector<std::future<std::string>> futures;
  {
    huddle::Client client;
    client.Login("hank").get();
    for (int i = 0; i < kCalls; ++i) {
      client.GroupGetJoinedGroupList([ran, keep = std::vector<int>(64, i)](int32_t code, std::string_view,
                                                                         std::string_view) {
        CHECK(code == 0 || code == HUDDLE_CODE_SDK_NOT_INITIALIZED);
        CHECK(keep.size() == 64);
        ++*ran;
      });
      futures.push_back(client.GroupCreate(CreateParam("cpp_inflight_" + std::to_string(i), 0)));
    }
  }
  CHECK(*ran == kCalls);
  for (auto& f : futures) {
    CHECK(f.wait_for(std::chrono::seconds(0)) == std::future_status::ready);
    int32_t code = CodeOf(std::move(f));
    CHECK(code == 0 || code == HUDDLE_CODE_SDK_NOT_INITIALIZED);
  }

  // Destroying the client from inside one of its own callbacks is safe too.
  auto client = std::make_unique<huddle::Client>();
  client->Login("hank").get();
  std::promise<void> destroyed;
  client->GroupGetJoinedGroupList([&](int32_t, std::string_view, std::string_view) {
    client.reset();
    destroyed.set_value();
  });
  destroyed.get_future().get();
  CHECK(client == nullptr);
}

/** A logged-in user whose every message, recall and conversation event goes to a recorder. */
struct Chatter {
  Recorder messages;
  Recorder revokes;
  Recorder convs;
  Recorder conv_groups;
  huddle::Client client;
  huddle::Client::ListenerId listener;

  explicit Chatter(const std::string& id)
      : listener(client.AddRecvNewMsgCallback([this](std::string_view json) { messages.Add(json); })) {
    client.SetMsgRevokeCallback([this](std::string_view json) { revokes.Add(json); });
    client.SetConvEventCallback(
        [this](int32_t event, std::string_view json) { convs.Add(std::to_string(event) + " " + std::string(json)); });
    client.SetConvGroupEventCallback([this](int32_t event, std::string_view json) {
      conv_groups.Add(std::to_string(event) + " " + std::string(json));
    });
    client.Login(id).get();
  }
};

void TestMessagesAndConversations() {
  Recorder second;  // jack's second listener, declared first to outlive the clients
  Chatter ivy("ivy");
  Chatter jack("jack");
  const std::string g = "cpp_chat";
  ivy.client.GroupCreate(CreateParam(g, 2)).get();
  CHECK(Has(jack.client.GroupJoin(g).get(), "\"group_join_result_status\":0"));

  // Removing jack's first listener later must leave this one.
  const auto second_id = jack.client.AddRecvNewMsgCallback([&second](std::string_view json) { second.Add(json); });
  CHECK(CodeOf([&] { jack.client.AddRecvNewMsgCallback(nullptr); }) == HUDDLE_ERR_PARAM);

  // Group messages: the ID is known at once, and matches what the callback and the receiver get.
  std::vector<std::string> ids;
  for (const std::string text : {"g0", "g1", "g2"}) {
    std::promise<std::string> sent;
    ids.push_back(ivy.client.MsgSendMessage(g, huddle::kConvGroup, TextMessage(text),
                                            [&sent, text](int32_t code, std::string_view, std::string_view json) {
                                              sent.set_value(std::to_string(code) + " " + text + " " +
                                                             std::string(json));
                                            }));
    std::string result = sent.get_future().get();
    CHECK(Has(result, "0 " + text + " "));
    CHECK(Values(result, "message_msg_id") == std::vector<std::string>{ids.back()});
  }
  CHECK(!ids[0].empty() && ids[0] != ids[1]);

  // C2C: each side gets the other's message once, named by the sender's ID.
  auto to_ivy = jack.client.MsgSendMessage("ivy", huddle::kConvC2C, TextMessage("hi ivy"));
  CHECK(Has(to_ivy.result.get(), "\"message_msg_id\":\"" + to_ivy.message_id + "\""));
  CHECK(!ivy.messages.Await({"hi ivy", "\"message_conv_id\":\"jack\"", "\"message_conv_type\":1"}).empty());
  ivy.client.MsgSendMessage("jack", huddle::kConvC2C, TextMessage("hi jack")).result.get();
  CHECK(!jack.messages.Await({"hi jack", "\"message_sender\":\"ivy\""}).empty());
  CHECK(!second.Await({"hi jack"}).empty());
  CHECK(Texts(jack.messages) == (std::vector<std::string>{"g0", "g1", "g2", "hi jack"}));
  CHECK(Texts(second) == Texts(jack.messages));
  CHECK(Texts(ivy.messages) == std::vector<std::string>{"hi ivy"});
  std::vector<std::string> received;
  for (const auto& entry : jack.messages.Entries()) {
    if (Has(entry, "\"message_conv_id\":\"" + g + "\"") && Has(entry, "text_elem_content")) {
      received.push_back(Values(entry, "message_msg_id").at(0));
    }
  }
  CHECK(received == ids);

  CHECK(jack.client.RemoveRecvNewMsgCallback(jack.listener));
  CHECK(!jack.client.RemoveRecvNewMsgCallback(jack.listener));
  ivy.client.MsgSendMessage(g, huddle::kConvGroup, TextMessage("second only")).result.get();
  CHECK(!second.Await({"second only"}).empty());
  CHECK(Texts(jack.messages).size() == 4);
  CHECK(jack.client.RemoveRecvNewMsgCallback(second_id));
  jack.listener = jack.client.AddRecvNewMsgCallback([&jack](std::string_view json) { jack.messages.Add(json); });
  ivy.client.MsgSendMessage(g, huddle::kConvGroup, TextMessage("heard again")).result.get();
  CHECK(!jack.messages.Await({"heard again"}).empty());
  CHECK(Texts(second).size() == 5);

  // Read: unread goes to 0, and a conversation update says so.
  const std::string unread_key = "\"conv_get_total_unread_message_count_result_unread_count\":";
  CHECK(!Has(jack.client.ConvGetTotalUnreadMessageCount().get(), unread_key + "0"));
  const std::size_t convs_before = jack.convs.Size();
  jack.client.MsgReportReaded(g, huddle::kConvGroup).get();
  jack.client.MsgReportReaded("ivy", huddle::kConvC2C).get();
  CHECK(Has(jack.client.ConvGetTotalUnreadMessageCount().get(), unread_key + "0}"));
  CHECK(!jack.convs.Await({"2 ", "\"conv_id\":\"ivy\"", "\"conv_unread_num\":0"}, convs_before).empty());

  // Recall: the sender may, a plain member may not; both hear of it; history keeps a revoked stub.
  CHECK(CodeOf(jack.client.MsgRevoke(g, huddle::kConvGroup, MsgIdParam(ids[0]))) == HUDDLE_CODE_REVOKE_DENIED);
  CHECK(CodeOf(ivy.client.MsgRevoke(g, huddle::kConvGroup, MsgIdParam("cpp_no_such_msg"))) ==
        HUDDLE_CODE_MSG_NOT_FOUND);
  ivy.client.MsgRevoke(g, huddle::kConvGroup, MsgIdParam(ids[0])).get();
  for (Recorder* revokes : {&ivy.revokes, &jack.revokes}) {
    CHECK(!revokes->Await({"\"message_locator_msg_id\":\"" + ids[0] + "\"", "\"message_locator_is_revoked\":true"})
               .empty());
  }
  std::string history = jack.client.MsgGetMsgList(g, huddle::kConvGroup, "{\"msg_getmsglist_param_count\":100}").get();
  CHECK(Has(history, "\"message_status\":6"));
  CHECK(!Has(history, "\"text_elem_content\":\"g0\"") && Has(history, "\"text_elem_content\":\"g1\""));

  // Pin, delete.
  jack.client.ConvPinConversation(g, huddle::kConvGroup, true).get();
  CHECK(Has(jack.client.ConvGetConvList().get(), "\"conv_is_pinned\":true"));
  CHECK(CodeOf(jack.client.ConvDelete("nobody", huddle::kConvC2C)) == HUDDLE_CODE_INVALID_CONVERSATION);

  // Synchronous refusals throw at once.
  CHECK(CodeOf([&] { (void)jack.client.MsgSendMessage(g, 7, TextMessage("x")); }) == HUDDLE_ERR_CONV);
  CHECK(CodeOf([&] { (void)jack.client.MsgSendMessage(g, huddle::kConvGroup, "{not json"); }) == HUDDLE_ERR_JSON);
  CHECK(CodeOf(jack.client.MsgSendMessage(g, huddle::kConvGroup, "{\"message_elem_array\":[]}").result) ==
        HUDDLE_CODE_INVALID_MSG_ELEM);

  // Conversation groups: create, rename, remove one conversation, every limit.
  std::string made = jack.client.ConvCreateConversationGroup("Friends", "[\"c2c_ivy\",\"group_" + g + "\"]").get();
  CHECK(Has(made, "\"conversation_operation_result_result_code\":0") && !Has(made, "6004"));
  CHECK(!jack.conv_groups.Await({"0 ", "\"conversation_group_name\":\"Friends\""}).empty());
  jack.client.ConvRenameConversationGroup("Friends", "Pals").get();
  CHECK(!jack.conv_groups.Await({"2 ", "\"conversation_group_new_name\":\"Pals\""}).empty());
  jack.client.ConvDeleteConversationsFromGroup("Pals", "[\"group_" + g + "\"]").get();
  CHECK(!jack.conv_groups.Await({"4 ", "group_" + g}).empty());
  std::string pals = jack.client.ConvGetConversationListByFilter(
                                    "{\"conversation_list_filter_conversation_group\":\"Pals\"}")
                         .get();
  CHECK(Has(pals, "\"conv_id\":\"ivy\"") && !Has(pals, "\"conv_id\":\"" + g + "\""));
  CHECK(jack.client.ConvGetConversationGroupList().get() == "[\"Pals\"]");

  CHECK(CodeOf(jack.client.ConvCreateConversationGroup("")) == HUDDLE_CODE_CONV_GROUP_NAME_INVALID);
  CHECK(CodeOf(jack.client.ConvRenameConversationGroup("Pals", std::string(33, 'x'))) ==
        HUDDLE_CODE_CONV_GROUP_NAME_INVALID);
  CHECK(CodeOf(jack.client.ConvDeleteConversationGroup("Nope")) == HUDDLE_CODE_CONV_GROUP_NOT_FOUND);
  CHECK(CodeOf(jack.client.ConvAddConversationsToGroup("Nope", "[\"c2c_ivy\"]")) == HUDDLE_CODE_CONV_GROUP_NOT_FOUND);
  for (int i = 1; i < 20; ++i) {
    jack.client.ConvCreateConversationGroup("cg" + std::to_string(i)).get();
  }
  CHECK(CodeOf(jack.client.ConvCreateConversationGroup("one too many")) == HUDDLE_CODE_CONV_GROUP_LIMIT);
  for (int i = 1; i < 20; ++i) {
    jack.client.ConvDeleteConversationGroup("cg" + std::to_string(i)).get();
  }
  jack.client.ConvAddConversationsToGroup("Pals", "[\"group_" + g + "\"]").get();
  CHECK(!jack.conv_groups.Await({"3 ", "group_" + g}).empty());
  jack.client.ConvDeleteConversationGroup("Pals").get();
  CHECK(!jack.conv_groups.Await({"1 ", "\"conversation_group_name\":\"Pals\""}).empty());

  jack.client.ConvDelete("ivy", huddle::kConvC2C).get();
  CHECK(!jack.convs.Await({"1 ", "\"conv_id\":\"ivy\""}).empty());
  ivy.client.GroupDelete(g).get();
}

/** Issue 13 through the wrapper: a delete is one user's, an edit reaches both (8006 for an old version), search finds a Chinese word. */
void TestDeleteEditSearch() {
  Chatter kim("kim");
  Chatter lev("lev");
  Recorder updates;
  lev.client.SetMsgUpdateCallback([&updates](std::string_view json) { updates.Add(json); });
  const std::string g = "cpp_edits";
  kim.client.GroupCreate(CreateParam(g, 2)).get();
  lev.client.GroupJoin(g).get();
  auto sent = kim.client.MsgSendMessage(g, huddle::kConvGroup, TextMessage("去北京大学"));
  sent.result.get();
  const std::string id = sent.message_id;

  kim.client.MsgDelete(g, huddle::kConvGroup, "{\"msg_delete_param_msg\":" + MsgIdParam(id) + "}").get();
  CHECK(!Has(kim.client.MsgGetMsgList(g, huddle::kConvGroup).get(), id));
  CHECK(Has(lev.client.MsgGetMsgList(g, huddle::kConvGroup).get(), id));
  const std::string search = "{\"msg_search_param_keyword_array\":[\"大学\"]}";
  CHECK(Has(lev.client.MsgSearchLocalMessages(search).get(), "\"msg_search_result_total_count\":1"));
  CHECK(Has(kim.client.MsgSearchLocalMessages(search).get(), "\"msg_search_result_total_count\":0"));

  const std::string edit = "{\"message_conv_id\":\"" + g + "\",\"message_conv_type\":2,\"message_msg_id\":\"" + id +
                           "\",\"message_elem_array\":[{\"elem_type\":0,\"text_elem_content\":\"edited\"}]}";
  CHECK(Has(lev.client.MsgModifyMessage(edit).get(), "\"message_version\":1"));
  CHECK(!updates.Await({"\"text_elem_content\":\"edited\""}).empty());
  // The same edit again is made from version 0, one behind: a conflict.
  CHECK(CodeOf(lev.client.MsgModifyMessage(edit)) == HUDDLE_CODE_MSG_MODIFY_CONFLICT);
  // kim deleted it for himself: he no longer has it to edit.
  CHECK(CodeOf(kim.client.MsgModifyMessage(edit)) == HUDDLE_CODE_MSG_NOT_FOUND);
  CHECK(Has(kim.client.MsgFindMessages("[\"" + id + "\"]").get(), "\"message_status\":4"));

  CHECK(Has(kim.client.MsgSaveMsg(g, huddle::kConvGroup, TextMessage("note")).get(), "\"message_status\":5"));
  CHECK(!Has(lev.client.MsgGetMsgList(g, huddle::kConvGroup).get(), "note"));
  lev.client.MsgMarkAllMessageAsRead().get();
  lev.client.MsgClearHistoryMessage(g, huddle::kConvGroup).get();
  CHECK(lev.client.MsgGetMsgList(g, huddle::kConvGroup).get() == "[]");
  kim.client.GroupDelete(g).get();
}

/** Read receipts, extensions, reactions and pins: each call names the message by the JSON the send gave. */
void TestReceiptsExtensionsReactionsPins() {
  Recorder receipts, extensions, reactions, pins;
  huddle::Client kim, lou, max;
  kim.SetMsgReadedReceiptCallback([&receipts](std::string_view json) { receipts.Add(json); });
  max.SetMsgExtensionsChangedCallback([&extensions](std::string_view id, std::string_view json) {
    extensions.Add(std::string(id) + " " + std::string(json));
  });
  lou.SetMsgReactionsChangedCallback([&reactions](std::string_view json) { reactions.Add(json); });
  max.SetMsgGroupPinnedMessageChangedCallback(
      [&pins](std::string_view group_id, std::string_view msg, bool is_pinned, std::string_view op_user) {
        pins.Add(std::string(group_id) + (is_pinned ? " pinned " : " unpinned ") + std::string(op_user) + " " +
                 std::string(msg));
      });
  kim.Login("kim").get();
  lou.Login("lou").get();
  max.Login("max").get();
  const std::string g = "cpp_votes";
  kim.GroupCreate(CreateParam(g, 2)).get();
  lou.GroupJoin(g).get();
  max.GroupJoin(g).get();

  const std::string msg = kim.MsgSendMessage(g, huddle::kConvGroup,
                                             "{\"message_elem_array\":[{\"elem_type\":0,\"text_elem_content\":\"vote\"}],"
                                             "\"message_need_read_receipt\":true,"
                                             "\"message_support_message_extension\":true}")
                              .result.get();
  const std::string id = Values(msg, "message_msg_id").at(0);
  lou.MsgSendMessageReadReceipts("[" + msg + "]").get();
  max.MsgSendMessageReadReceipts("[" + msg + "]").get();
  CHECK(!receipts.Await({"\"msg_receipt_read_count\":2", "\"msg_receipt_unread_count\":0"}).empty());
  CHECK(Has(kim.MsgGetMessageReadReceipts("[" + msg + "]").get(), "\"msg_receipt_read_count\":2"));
  auto page = kim.MsgGetGroupMessageReadMemberList(msg, 0, 0, 100).get();
  CHECK(Values(page.json_group_member_array, "group_member_info_identifier") ==
        (std::vector<std::string>{"lou", "max"}));
  CHECK(page.is_finished && page.next_seq == 2);

  lou.MsgSetMessageExtensions(msg, "[{\"message_extension_key\":\"lou\",\"message_extension_value\":\"yes\"}]").get();
  CHECK(!extensions.Await({id + " ", "\"message_extension_value\":\"yes\""}).empty());
  CHECK(Has(max.MsgGetMessageExtensions(msg).get(), "\"message_extension_key\":\"lou\""));
  max.MsgDeleteMessageExtensions(msg).get();
  CHECK(max.MsgGetMessageExtensions(msg).get() == "[]");

  max.MsgAddMessageReaction(msg, "cake").get();
  CHECK(CodeOf(max.MsgAddMessageReaction(msg, "cake")) == HUDDLE_CODE_MSG_REACTION_ALREADY_CONTAIN_USER);
  CHECK(!reactions.Await({"\"message_reaction_id\":\"cake\"", "\"message_reaction_total_user_count\":1"}).empty());
  CHECK(Has(lou.MsgGetMessageReactions("[" + msg + "]", 10).get(), "\"message_reaction_reacted_by_myself\":false"));
  CHECK(Has(lou.MsgGetAllUserListOfMessageReaction(msg, "cake", 0, 10).get(), "\"user_profile_identifier\":\"max\""));
  max.MsgRemoveMessageReaction(msg, "cake").get();

  CHECK(CodeOf(lou.PinGroupMessage(g, msg, true)) == HUDDLE_CODE_PERMISSION_DENIED);
  kim.PinGroupMessage(g, msg, true).get();
  CHECK(!pins.Await({g + " pinned ", "\"user_profile_identifier\":\"kim\"", id}).empty());
  CHECK(Has(max.GetPinnedGroupMessageList(g).get(), "\"message_pinner_user_id\":\"kim\""));
  kim.PinGroupMessage(g, msg, false).get();
  CHECK(!pins.Await({g + " unpinned "}).empty());
}

struct Test {
  const char* name;
  void (*run)();
};


/** Reads a whole file (empty when there is none). */
std::string Slurp(const std::string& path) {
  std::string bytes;
  if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
    char buf[65536];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) bytes.append(buf, n);
    std::fclose(f);
  }
  return bytes;
}

void TestMediaFiles() {
  Chatter kay("kay");
  Chatter lou("lou");
  char dir[] = "/tmp/huddle-cpp-media-XXXXXX";
  CHECK(mkdtemp(dir) != nullptr);
  const std::string path = std::string(dir) + "/notes.bin", copy = std::string(dir) + "/copy.bin";
  std::string bytes(3 * 1024 * 1024 + 5, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>((i * 2654435761u) >> 13);
  std::FILE* f = std::fopen(path.c_str(), "wb");
  CHECK(f != nullptr && std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size());
  if (f) std::fclose(f);

  // Progress reaches the file's size, then the send completes.
  std::mutex mu;
  uint32_t last_cur = 0, last_total = 0;
  kay.client.SetMsgElemUploadProgressCallback([&](std::string_view, uint32_t, uint32_t cur, uint32_t total) {
    std::lock_guard<std::mutex> lock(mu);
    last_cur = cur;
    last_total = total;
  });
  auto sent = kay.client.MsgSendMessage(
      "lou", huddle::kConvC2C, "{\"message_elem_array\":[{\"elem_type\":4,\"file_elem_file_path\":\"" + path + "\"}]}");
  CHECK(Has(sent.result.get(), "\"file_elem_file_size\":" + std::to_string(bytes.size())));
  {
    std::lock_guard<std::mutex> lock(mu);
    CHECK(last_total == bytes.size() && last_cur == last_total);
  }
  kay.client.SetMsgElemUploadProgressCallback(nullptr);

  // Lou downloads it byte for byte; a sent message is no longer cancellable.
  const std::string got = lou.messages.Await({"file_elem_file_id"});
  const auto ids = Values(got, "file_elem_file_id");
  CHECK(ids.size() == 1);
  if (ids.size() == 1) {
    CHECK(Has(lou.client.MsgDownloadElemToPath("{\"msg_download_elem_param_id\":\"" + ids[0] + "\"}", copy).get(),
              "\"msg_download_elem_result_total_size\":" + std::to_string(bytes.size())));
    CHECK(Slurp(copy) == bytes);
  }
  CHECK(CodeOf(kay.client.MsgCancelSend("lou", huddle::kConvC2C, sent.message_id)) == HUDDLE_CODE_INVALID_CANCEL_MESSAGE);
  CHECK(CodeOf(lou.client.MsgDownloadElemToPath("{\"msg_download_elem_param_id\":\"" + std::string(64, '0') + "\"}",
                                                copy + ".none")) == HUDDLE_CODE_FILE_TRANS_DOWNLOAD_FAILED);
  std::remove(path.c_str());
  std::remove(copy.c_str());
  rmdir(dir);
}

}  // namespace

/** Receive options are enforced; marks, custom data and the unread listeners reach the other device. */
void TestReceiveOptionsAndConversationState() {
  // The recorders outlive the clients whose listeners write to them.
  Recorder bob_msgs, pc_convs, pc_opts, totals, filtered;
  User alice("cpp_ro_alice");
  User bob("cpp_ro_bob");
  huddle::Client bob_pc;
  bob.client.AddRecvNewMsgCallback([&](std::string_view json) { bob_msgs.Add(json); });
  bob_pc.SetConvEventCallback([&](int32_t, std::string_view json) { pc_convs.Add(json); });
  bob_pc.SetMsgAllMessageReceiveOptionCallback([&](std::string_view json) { pc_opts.Add(json); });
  bob_pc.Login("cpp_ro_bob").get();
  const std::string g = "cpp_ro_group";
  alice.client.GroupCreate(CreateParam(g, 2)).get();
  bob.client.GroupJoin(g).get();

  bob.client.MsgSetGroupReceiveMessageOpt(g, 1).get();
  alice.client.MsgSendMessage(g, 2, TextMessage("unheard")).result.get();
  bob.client.MsgSetGroupReceiveMessageOpt(g, 0).get();
  alice.client.MsgSendMessage(g, 2, TextMessage("heard")).result.get();
  CHECK(!bob_msgs.Await({"heard"}).empty());
  CHECK(Texts(bob_msgs) == std::vector<std::string>{"heard"});

  bob.client.MsgSetC2CReceiveMessageOpt("[\"cpp_ro_alice\"]", 2).get();
  CHECK(Has(bob.client.MsgGetC2CReceiveMessageOpt("[\"cpp_ro_alice\"]").get(), "\"msg_recv_msg_opt_result_opt\":2"));
  bob.client.MsgSetAllReceiveMessageOpt(2, 22, 0, 0, 3600).get();
  CHECK(Has(bob.client.MsgGetAllReceiveMessageOpt().get(), "\"msg_all_recv_msg_opt_start_hour\":22"));
  CHECK(!pc_opts.Await({"\"msg_all_recv_msg_opt_level\":2"}).empty());
  CHECK(CodeOf([&] { bob.client.MsgSetGroupReceiveMessageOpt(g, 9).get(); }) == HUDDLE_ERR_PARAM);

  const std::string ids = "[\"group_" + g + "\"]";
  bob.client.ConvMarkConversation(ids, 0x1, true).get();
  CHECK(!pc_convs.Await({"\"conv_mark_array\":[1]"}).empty());
  bob.client.ConvSetConversationCustomData(ids, "cd").get();
  CHECK(!pc_convs.Await({"\"conv_custom_data\":\"cd\""}).empty());
  CHECK(Has(bob.client.ConvGetConvInfo("[{\"get_conversation_list_param_conv_id\":\"" + g +
                                       "\",\"get_conversation_list_param_conv_type\":2}]")
                .get(),
            "\"conv_custom_data\":\"cd\""));

  const std::string starred = "{\"conversation_list_filter_mark_type\":1}";
  bob_pc.SetConvTotalUnreadMessageCountChangedCallback([&](int32_t n) { totals.Add(std::to_string(n)); });
  bob_pc.SetConvUnreadMessageCountChangedByFilterCallback(
      [&](std::string_view filter, int32_t n) { filtered.Add(std::string(filter) + "=" + std::to_string(n)); });
  bob_pc.ConvSubscribeUnreadMessageCountByFilter(starred);
  // A call of the same client answers after the counts were learned.
  bob_pc.ConvGetTotalUnreadMessageCount().get();
  CHECK(Has(bob.client.ConvGetUnreadMessageCountByFilter(starred).get(), "_unread_count\":2"));
  bob.client.ConvCleanConversationUnreadMessageCount("group_" + g).get();
  CHECK(!totals.Await({"0"}).empty());
  CHECK(!filtered.Await({starred + "=0"}).empty());
  bob_pc.ConvUnsubscribeUnreadMessageCountByFilter(starred);
  CHECK(Has(bob.client.ConvDeleteConversationList(ids, false).get(), "\"conversation_operation_result_result_code\":0"));
}

/** A match room's seats in group attributes, a like counter: every member hears every change, in one order. */
void TestGroupAttributesAndCounters() {
  User ann("cpp_attr_ann");
  User ben("cpp_attr_ben");
  const std::string g = "cpp_attr_room";
  Recorder attributes[2];
  Recorder counters[2];
  User* users[2] = {&ann, &ben};
  for (int i = 0; i < 2; ++i) {
    Recorder* a = &attributes[i];
    Recorder* c = &counters[i];
    users[i]->client.SetGroupAttributeChangedCallback([a](std::string_view group_id, std::string_view json) {
      a->Add(std::string(group_id) + " " + std::string(json));
    });
    users[i]->client.SetGroupCounterChangedCallback([c](std::string_view group_id, std::string_view key, int64_t value) {
      c->Add(std::string(group_id) + " " + std::string(key) + "=" + std::to_string(value));
    });
  }
  ann.client.GroupCreate(CreateParam(g, 2)).get();
  ben.client.GroupJoin(g, "").get();

  const std::string seat1 = "{\"group_attribute_key\":\"seat1\",\"group_attribute_value\":\"ann\"}";
  const std::string seat2 = "{\"group_attribute_key\":\"seat2\",\"group_attribute_value\":\"ben\"}";
  CHECK(ann.client.GroupInitGroupAttributes(g, "[" + seat1 + "]").get() == "{}");
  ben.client.GroupSetGroupAttributes(g, "[" + seat2 + "]").get();
  CHECK(ben.client.GroupGetGroupAttributes(g).get() == "[" + seat1 + "," + seat2 + "]");
  CHECK(ann.client.GroupGetGroupAttributes(g, "[\"seat2\"]").get() == "[" + seat2 + "]");
  ann.client.GroupDeleteGroupAttributes(g, "[\"seat1\"]").get();
  CHECK(CodeOf(ann.client.GroupSetGroupAttributes(g, "[{\"group_attribute_key\":\"\"}]")) == HUDDLE_CODE_INVALID_REQUEST);
  CHECK(CodeOf([&] { (void)ann.client.GroupSetGroupAttributes(g, "["); }) == HUDDLE_ERR_JSON);

  CHECK(ann.client.GroupSetGroupCounters(g, "[{\"group_counter_key\":\"likes\",\"group_counter_value\":10}]").get() ==
        "[{\"group_counter_key\":\"likes\",\"group_counter_value\":10}]");
  CHECK(ben.client.GroupIncreaseGroupCounter(g, "likes", 5).get() == "[{\"group_counter_key\":\"likes\",\"group_counter_value\":15}]");
  CHECK(ann.client.GroupDecreaseGroupCounter(g, "likes", 3).get() == "[{\"group_counter_key\":\"likes\",\"group_counter_value\":12}]");
  CHECK(ben.client.GroupGetGroupCounters(g).get() == "[{\"group_counter_key\":\"likes\",\"group_counter_value\":12}]");

  for (int i = 0; i < 2; ++i) {
    CHECK(!attributes[i].Await({g + " [" + seat2 + "]"}).empty());
    CHECK(attributes[i].Entries() == (std::vector<std::string>{g + " [" + seat1 + "]", g + " [" + seat1 + "," + seat2 + "]", g + " [" + seat2 + "]"}));
    CHECK(!counters[i].Await({g + " likes=12"}).empty());
    CHECK(counters[i].Entries() == (std::vector<std::string>{g + " likes=10", g + " likes=15", g + " likes=12"}));
  }
}

void TestTopicsSearchAndMarks() {
  Recorder created, changed, deleted, messages;  // outlive the clients that feed them
  User alice("alice");
  User bob("bob");
  const std::string g = "@TGS#_cpp_guild";
  const std::string topic = g + "@TOPIC#_news";
  bob.client.SetGroupTopicCreatedCallback([&](std::string_view gid, std::string_view id) {
    created.Add(std::string(gid) + " " + std::string(id));
  });
  bob.client.SetGroupTopicChangedCallback([&](std::string_view, std::string_view info) { changed.Add(info); });
  bob.client.SetGroupTopicDeletedCallback([&](std::string_view, std::string_view ids) { deleted.Add(ids); });
  alice.client.AddRecvNewMsgCallback([&](std::string_view json) { messages.Add(json); });

  alice.client
      .GroupCreate("{\"create_group_param_group_id\":\"" + g + "\",\"create_group_param_group_name\":\"Guild\","
                   "\"create_group_param_group_type\":5,\"create_group_param_is_support_topic\":true}")
      .get();
  bob.client.GroupJoin(g).get();
  CHECK(Has(bob.client.GroupGetJoinedCommunityList().get(), g));
  CHECK(CodeOf(bob.client.GroupCreateTopicInCommunity(g, "{\"group_topic_info_topic_name\":\"x\"}")) ==
        HUDDLE_CODE_PERMISSION_DENIED);
  CHECK(Has(alice.client
                .GroupCreateTopicInCommunity(
                    g, "{\"group_topic_info_topic_id\":\"" + topic + "\",\"group_topic_info_topic_name\":\"News\"}")
                .get(),
            topic));
  CHECK(!created.Await({g + " " + topic}).empty());

  bob.client.MsgSendMessage(topic, huddle::kConvGroup, TextMessage("in the topic")).result.get();
  CHECK(!messages.Await({"in the topic", "\"message_conv_id\":\"" + topic + "\""}).empty());
  std::string infos = alice.client.GroupGetTopicInfoList(g).get();
  CHECK(Has(infos, "\"group_topic_info_unread_count\":1") && Has(infos, "\"group_topic_info_topic_name\":\"News\""));

  alice.client
      .GroupSetTopicInfo("{\"group_topic_info_topic_id\":\"" + topic +
                         "\",\"group_topic_info_notification\":\"read me\",\"group_modify_info_param_modify_flag\":2}")
      .get();
  CHECK(!changed.Await({"\"group_topic_info_notification\":\"read me\""}).empty());
  CHECK(Has(alice.client.GroupDeleteTopicFromCommunity(g, "[\"" + topic + "\"]").get(),
            "\"group_topic_operation_result_error_code\":0"));
  CHECK(!deleted.Await({topic}).empty());

  CHECK(Has(bob.client.GroupSearchGroups("{\"group_search_params_keyword_list\":[\"cpp_guild\"]}").get(), g));
  CHECK(Has(bob.client
                .GroupSearchGroupMembers("{\"group_search_member_params_keyword_list\":[\"alice\"],"
                                         "\"group_search_member_params_field_list\":[1]}")
                .get(),
            "\"group_member_info_identifier\":\"alice\""));

  const std::string live = "cpp_live";
  alice.client.GroupCreate(CreateParam(live, 4)).get();
  bob.client.GroupJoin(live).get();
  CHECK(CodeOf(alice.client.GroupMarkGroupMemberList(live, "[\"bob\"]", 999, true)) == HUDDLE_CODE_INVALID_REQUEST);
  alice.client.GroupMarkGroupMemberList(live, "[\"bob\"]", 1000, true).get();
  CHECK(!bob.tips.Await({Tip(8), "\"group_tips_member_mark_change_info_markType\":1000"}).empty());
}

/** AVChatRoom: online only; the online count; the latest messages once to a joiner. */
void TestChatRoom() {
  Chatter kim("kim");
  Chatter lee("lee");
  const std::string room = "cpp_room";
  kim.client.GroupCreate(CreateParam(room, 4)).get();
  lee.client.GroupJoin(room).get();
  CHECK(kim.client.GroupGetOnlineMemberCount(room).get() == "{\"group_get_online_member_count_result\":2}");
  lee.client.Logout().get();
  CHECK(Has(kim.client.GroupGetOnlineMemberCount(room).get(), ":1}"));
  kim.client.MsgSendMessage(room, huddle::kConvGroup, TextMessage("while away")).result.get();
  lee.client.Login("lee").get();
  kim.client.MsgSendMessage(room, huddle::kConvGroup, TextMessage("back")).result.get();
  CHECK(!lee.messages.Await({"back"}).empty());
  CHECK(Texts(lee.messages) == (std::vector<std::string>{"back"}));

  Chatter max("max");
  max.client.GroupJoin(room).get();
  CHECK(!max.messages.Await({"back"}).empty());
  CHECK(Texts(max.messages) == (std::vector<std::string>{"while away", "back"}));
  CHECK(CodeOf(max.client.GroupGetOnlineMemberCount("cpp_no_room")) == HUDDLE_CODE_GROUP_NOT_FOUND);
  kim.client.GroupDelete(room).get();
}

int main() {
  const Test tests[] = {
      {"version and statics", TestVersionAndStatics},
      {"public group lifecycle, two users", TestPublicGroupLifecycle},
      {"work group, invite, kick, app admin", TestWorkGroupAndAdmin},
      {"errors become huddle::Error", TestErrors},
      {"callbacks reach lambdas with captures", TestCallbacksWithCaptures},
      {"listeners survive moves and replacement", TestListenersSurviveMoveAndReplace},
      {"poll mode and wake callback", TestPollMode},
      {"destroying a client with calls in flight", TestDestroyWithCallsInFlight},
      {"messages, recalls, conversations and their groups", TestMessagesAndConversations},
      {"receive options, marks, custom data and unread listeners", TestReceiveOptionsAndConversationState},
      {"group attributes and counters", TestGroupAttributesAndCounters},
      {"delete, edit, search", TestDeleteEditSearch},
      {"community topics, search and marks", TestTopicsSearchAndMarks},
      {"chat rooms: online only, the latest on join", TestChatRoom},
      {"read receipts, extensions, reactions and pins", TestReceiptsExtensionsReactionsPins},
      {"media files sent, with progress, and downloaded", TestMediaFiles},
  };
  int passed = 0;
  int failed = 0;
  for (const Test& test : tests) {
    const int before = checks_failed;
    try {
      test.run();
    } catch (const std::exception& e) {
      std::printf("  unexpected exception: %s\n", e.what());
      ++checks_failed;
    }
    const bool ok = checks_failed == before;
    std::printf("%s %s\n", ok ? "ok  " : "FAIL", test.name);
    ++(ok ? passed : failed);
  }
  std::printf("client_test: %d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
