// group_demo.cpp: the group story of the seeds with huddle.hpp, for two users
// of one process. Alice creates a public group, Bob asks to join, Alice
// approves, both see the join, they exchange a message, Bob leaves and Alice
// disbands the group.
//
// Both clients use the embedded engine (in memory, shared) in the default
// "thread" mode: results come back as futures, and group tips and messages
// arrive on each client's dispatcher thread, so small inboxes hand them to main.
// Exits 0 when every step gave the expected result.
#include <huddle.hpp>

#include <chrono>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <string>
#include <vector>

namespace {

const char* const kGroupId = "demo_cpp_guild";

class Inbox {
 public:
  /** what_got: "alice got a tip", for the log. */
  explicit Inbox(std::string what_got) : what_got_(std::move(what_got)) {}

  void Add(std::string_view json) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::cout << "  " << what_got_ << ": " << json << "\n";
    items_.emplace_back(json);
    changed_.notify_all();
  }

  /** Waits up to 5 seconds for an item containing part. */
  bool WaitFor(const std::string& part) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(5), [&] {
      for (const auto& item : items_) {
        if (item.find(part) != std::string::npos) {
          return true;
        }
      }
      return false;
    });
  }

  /** Waits for a group tip of this type. */
  bool WaitFor(int tip_type) { return WaitFor("\"group_tips_elem_tip_type\":" + std::to_string(tip_type) + ","); }

 private:
  std::string what_got_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> items_;
};

int failures = 0;

void Expect(bool ok, const char* what) {
  std::cout << (ok ? "ok   " : "FAIL ") << what << "\n";
  failures += !ok;
}

bool Contains(const std::string& json, const std::string& part) { return json.find(part) != std::string::npos; }

}  // namespace

int main() {
  std::cout << "huddle " << huddle::GetSDKVersion() << "\n";
  try {
    // The inboxes outlive the clients: a client's destructor may still deliver tips.
    Inbox alice_tips("alice got a tip");
    Inbox bob_tips("bob got a tip");
    Inbox bob_messages("bob got a message");
    huddle::Client alice;
    huddle::Client bob;
    alice.SetGroupTipsEventCallback([&](std::string_view tip) { alice_tips.Add(tip); });
    bob.SetGroupTipsEventCallback([&](std::string_view tip) { bob_tips.Add(tip); });
    bob.AddRecvNewMsgCallback([&](std::string_view messages) { bob_messages.Add(messages); });

    alice.Login("alice").get();
    bob.Login("bob").get();
    Expect(alice.GetLoginUserID() == "alice", "alice is logged in");

    std::string created = alice.GroupCreate(std::string("{\"create_group_param_group_id\":\"") + kGroupId +
                                            "\",\"create_group_param_group_name\":\"Friday raid\"}").get();
    Expect(Contains(created, kGroupId), "alice creates a public group");

    std::string join = bob.GroupJoin(kGroupId, "let me in").get();
    Expect(Contains(join, "\"group_join_result_status\":1"), "bob asks to join and waits for approval");
    Expect(alice_tips.WaitFor(14), "alice is told of the request (tip 14)");

    std::string pending = alice.GroupGetPendencyList().get();
    Expect(Contains(pending, "\"group_pendency_form_identifier\":\"bob\""), "alice sees bob's request");

    alice.GroupHandlePendency(std::string("{\"group_handle_pendency_param_is_accept\":true,"
                                          "\"group_handle_pendency_param_pendency\":{\"group_pendency_group_id\":\"") +
                              kGroupId + "\",\"group_pendency_form_identifier\":\"bob\"}}").get();
    Expect(alice_tips.WaitFor(1) && bob_tips.WaitFor(1), "alice approves; both are told bob joined (tip 1)");

    Expect(Contains(bob.GroupGetJoinedGroupList().get(), kGroupId), "the group is in bob's list");
    Expect(Contains(alice.GroupGetGroupInfoList(std::string("[\"") + kGroupId + "\"]").get(),
                    "\"group_detail_info_member_num\":2"),
           "the group has two members");

    auto sent = alice.MsgSendMessage(kGroupId, huddle::kConvGroup,
                                     R"({"message_elem_array":[{"elem_type":0,"text_elem_content":"ready?"}]})");
    sent.result.get();
    Expect(bob_messages.WaitFor("\"message_msg_id\":\"" + sent.message_id + "\""),
           "alice says \"ready?\" in the group; bob gets it");
    bob.MsgSendMessage("alice", huddle::kConvC2C, R"({"message_elem_array":[{"elem_type":0,"text_elem_content":"yes"}]})")
        .result.get();
    Expect(Contains(alice.ConvGetConvList().get(), "\"conv_unread_num\":1"), "bob answers alice alone; one unread");

    try {
      alice.GroupQuit(kGroupId).get();
      Expect(false, "the owner may not quit a public group");
    } catch (const huddle::Error& e) {
      std::cout << "  " << e.what() << "\n";
      Expect(e.code() == HUDDLE_CODE_OWNER_MAY_NOT_QUIT, "the owner may not quit a public group (10009)");
    }

    bob.GroupQuit(kGroupId).get();
    Expect(alice_tips.WaitFor(2), "bob leaves; alice is told (tip 2)");

    alice.GroupDelete(kGroupId).get();
    Expect(alice_tips.WaitFor(13), "alice disbands the group (tip 13)");

    alice.Logout().get();
    bob.Logout().get();
  } catch (const huddle::Error& e) {
    std::cout << "FAIL unexpected " << e.what() << "\n";
    return 1;
  }
  std::cout << (failures == 0 ? "group demo: all steps ok" : "group demo: some steps failed") << "\n";
  return failures == 0 ? 0 : 1;
}
