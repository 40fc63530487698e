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
