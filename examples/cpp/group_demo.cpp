// group_demo.cpp: the group story of the seeds with huddle.hpp, for two users
// of one process. Alice creates a public group, Bob asks to join, Alice
// approves, both see the join, Bob leaves and Alice disbands the group.
//
// Both clients use the embedded engine (in memory, shared) in the default
// "thread" mode: results come back as futures, and group tips arrive on each
// client's dispatcher thread, so a small inbox hands them to main.
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

class TipInbox {
 public:
  explicit TipInbox(std::string user) : user_(std::move(user)) {}

  void Add(std::string_view json) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::cout << "  " << user_ << " got a tip: " << json << "\n";
    tips_.emplace_back(json);
    changed_.notify_all();
  }

  /** Waits up to 5 seconds for a tip of this type. */
  bool WaitFor(int type) {
    std::string key = "\"group_tips_elem_tip_type\":" + std::to_string(type) + ",";
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(5), [&] {
      for (const auto& tip : tips_) {
        if (tip.find(key) != std::string::npos) {
          return true;
        }
      }
      return false;
    });
  }

 private:
  std::string user_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> tips_;
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
    TipInbox alice_tips("alice");
    TipInbox bob_tips("bob");
    huddle::Client alice;
    huddle::Client bob;
    alice.SetGroupTipsEventCallback([&](std::string_view tip) { alice_tips.Add(tip); });
    bob.SetGroupTipsEventCallback([&](std::string_view tip) { bob_tips.Add(tip); });

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
