// The seeds' group story through Tencent's own API: this file includes
// Tencent's TIMCloud.h (from the npm package im_electron_sdk, never
// committed) and links against Huddle's libImSDK.so.
//
// Tencent's API has one client per process, so alice is the TIM* client and
// bob a second client of Huddle's own C API (huddle.h), which libImSDK.so
// exports as well. Both name the same data dir, so they share one embedded
// engine in this process, as two processes would share a huddle-server.
//
// alice creates a public group; bob asks to join and alice approves; they
// message each other; alice hears bob's join and quit as group tips. Also:
// listeners set before TIMInit, TIMGetLoginUserID, an unsupported function's
// 7013, TIMSetConfig, TIMSetLogCallback and the log file.
//
// Usage: story <dir>   (the data dir and, under it, the log dir)
// With HUDDLE_SERVER_URL set, alice's TIMInit reaches that huddle-server
// (libImSDK reads the variable) and bob's client is pointed at it too.
#include <TIMCloud.h>
#include <huddle.h>
#include <huddle_tim.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

std::mutex mu;
std::condition_variable changed;
int failures = 0;

void expect(bool ok, const std::string& what) {
    std::printf("%s %s\n", ok ? "ok  " : "FAIL", what.c_str());
    std::fflush(stdout);
    failures += !ok;
}

// Waits up to 10 s for `done` (checked under the lock).
bool wait_for(const std::function<bool()>& done) {
    std::unique_lock<std::mutex> lock(mu);
    return changed.wait_for(lock, std::chrono::seconds(10), done);
}

// One call's result, filled by its callback on the library's thread.
struct Reply {
    bool done = false;
    int code = 0;
    std::string desc, json;
    std::thread::id thread;
};

void on_reply(int32_t code, const char* desc, const char* json, const void* user_data) {
    auto* r = static_cast<Reply*>(const_cast<void*>(user_data));
    std::lock_guard<std::mutex> lock(mu);
    r->code = code;
    r->desc = desc ? desc : "(null)";
    r->json = json ? json : "(null)";
    r->thread = std::this_thread::get_id();
    r->done = true;
    changed.notify_all();
}

// Checks the sync result, waits for the callback, checks its code.
bool finish(int sync, Reply& r, int want, const std::string& what) {
    if (sync != TIM_SUCC) {
        expect(false, what + " (returned " + std::to_string(sync) + ")");
        return false;
    }
    bool came = wait_for([&] { return r.done; });
    bool ok = came && r.code == want;
    if (came && r.code != want) std::printf("  got %d: %s %s\n", r.code, r.desc.c_str(), r.json.c_str());
    expect(ok, what);
    return ok;
}

size_t occurrences(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) n++;
    return n;
}

// Everything a listener heard, as JSON strings.
std::vector<std::string> alice_tips, alice_msgs, bob_msgs, log_lines;

void on_tip(const char* json, const void* user_data) {
    std::lock_guard<std::mutex> lock(mu);
    static_cast<std::vector<std::string>*>(const_cast<void*>(user_data))->push_back(json);
    changed.notify_all();
}

void on_msgs(const char* json, const void* user_data) { on_tip(json, user_data); }

void on_log(TIMLogLevel level, const char* line, const void*) {
    std::lock_guard<std::mutex> lock(mu);
    log_lines.push_back(std::to_string(static_cast<int>(level)) + " " + line);
    changed.notify_all();
}

bool heard(const std::vector<std::string>& what, const std::string& a, const std::string& b = "") {
    return wait_for([&] {
        for (const auto& s : what)
            if (s.find(a) != std::string::npos && s.find(b) != std::string::npos) return true;
        return false;
    });
}

const char* kGroup = "tim_story_guild";

std::string text_msg(const std::string& text) {
    return "{\"message_elem_array\":[{\"elem_type\":0,\"text_elem_content\":\"" + text + "\"}]}";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: story <dir>\n");
        return 2;
    }
    const std::string dir = argv[1];
    const std::string log_dir = dir + "/log";
    std::printf("libImSDK over Huddle %s\n", TIMGetSDKVersion());

    // Before TIMInit, as Tencent's wrappers do: listeners and log settings.
    TIMSetLogCallback(on_log, nullptr);
    Reply config;
    finish(TIMSetConfig("{\"set_config_callback_log_level\":4,\"set_config_is_log_output_console\":false}", on_reply, &config),
           config, 0, "TIMSetConfig before TIMInit");
    expect(config.json.find("\"set_config_callback_log_level\":4") != std::string::npos, "TIMSetConfig reports the settings in effect");
    TIMSetGroupTipsEventCallback(on_tip, &alice_tips);
    TIMAddRecvNewMsgCallback(on_msgs, &alice_msgs);
    expect(TIMGetLoginStatus() == kTIMLoginStatus_UnLogined, "logged out before TIMInit");
    Reply early;
    expect(TIMLogin("alice", "", on_reply, &early) == TIM_ERR_SDKUNINIT, "TIMLogin before TIMInit is TIM_ERR_SDKUNINIT");

    const std::string init = "{\"sdk_config_config_file_path\":\"" + dir + "\",\"sdk_config_log_file_path\":\"" + log_dir + "\"}";
    expect(TIMInit(1400000000, init.c_str()) == TIM_SUCC, "TIMInit with Tencent's config keys");
    const char* server = std::getenv("HUDDLE_SERVER_URL");
    const std::string where = server && *server ? std::string(server) : dir;
    expect(heard(log_lines, "TIMInit", where), "the log callback hears TIMInit, naming " + where);

    HuddleClient* bob = nullptr;
    const std::string bob_config = server && *server ? "{\"sdk_config_server_url\":\"" + where + "\"}"
                                                     : "{\"sdk_config_data_dir\":\"" + dir + "\"}";
    expect(HuddleInit(bob_config.c_str(), &bob) == HUDDLE_SUCC, "bob's Huddle client, on the same engine");
    HuddleAddRecvNewMsgCallback(bob, on_msgs, &bob_msgs);

    Reply la, lb;
    finish(TIMLogin("alice", "", on_reply, &la), la, 0, "alice logs in (TIMLogin)");
    expect(la.thread != std::this_thread::get_id(), "callbacks run on the library's thread, not the caller's");
    finish(HuddleLogin(bob, "bob", nullptr, on_reply, &lb), lb, 0, "bob logs in (HuddleLogin)");
    char user_id[128] = {0};
    expect(TIMGetLoginUserID(user_id) == TIM_SUCC && std::string(user_id) == "alice", "TIMGetLoginUserID is alice");
    expect(TIMGetLoginStatus() == kTIMLoginStatus_Logined, "TIMGetLoginStatus is logged in");

    Reply create;
    const std::string create_param = std::string("{\"create_group_param_group_id\":\"") + kGroup +
                                     "\",\"create_group_param_group_name\":\"Friday raid\",\"create_group_param_group_type\":" +
                                     std::to_string(kTIMGroup_Public) + "}";
    finish(TIMGroupCreate(create_param.c_str(), on_reply, &create), create, 0, "alice creates a public group (TIMGroupCreate)");
    expect(create.json.find(kGroup) != std::string::npos, "the result names the group");

    Reply join;
    finish(HuddleGroupJoin(bob, kGroup, "let me in", on_reply, &join), join, 0, "bob asks to join");
    Reply pending;
    bool listed = false;
    for (int i = 0; i < 50 && !listed; i++) {
        pending = Reply();
        finish(TIMGroupGetPendencyList("{}", on_reply, &pending), pending, 0, i == 0 ? "alice lists join requests (TIMGroupGetPendencyList)" : "  again");
        listed = pending.json.find("\"group_pendency_form_identifier\":\"bob\"") != std::string::npos;
        if (!listed) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    expect(listed, "bob's request is listed");
    Reply approve;
    const std::string handle = std::string("{\"group_handle_pendency_param_is_accept\":true,\"group_handle_pendency_param_pendency\":{") +
                               "\"group_pendency_group_id\":\"" + kGroup + "\",\"group_pendency_form_identifier\":\"bob\"}}";
    finish(TIMGroupHandlePendency(handle.c_str(), on_reply, &approve), approve, 0, "alice approves (TIMGroupHandlePendency)");
    expect(heard(alice_tips, "\"group_tips_elem_tip_type\":" + std::to_string(kTIMGroupTip_Invite), "bob"),
           "alice hears bob joined (a tip set before TIMInit)");

    Reply to_bob, to_alice;
    char msg_id[128] = {0};
    finish(TIMMsgSendMessage(kGroup, kTIMConv_Group, text_msg("hello from alice").c_str(), msg_id, on_reply, &to_bob), to_bob, 0,
           "alice sends to the group (TIMMsgSendMessage)");
    expect(msg_id[0] != '\0', "TIMMsgSendMessage fills message_id_buffer");
    expect(heard(bob_msgs, "hello from alice"), "bob receives alice's message");
    finish(HuddleMsgSendMessage(bob, kGroup, kTIMConv_Group, text_msg("hi alice, bob here").c_str(), nullptr, on_reply, &to_alice),
           to_alice, 0, "bob sends to the group");
    expect(heard(alice_msgs, "hi alice, bob here", "\"message_sender\":\"bob\""), "alice receives bob's message (TIMAddRecvNewMsgCallback)");
    Reply dm;
    finish(HuddleMsgSendMessage(bob, "alice", kTIMConv_C2C, text_msg("psst").c_str(), nullptr, on_reply, &dm), dm, 0,
           "bob writes to alice alone: her second conversation");
    expect(heard(alice_msgs, "psst"), "alice receives it");

    Reply history;
    finish(TIMMsgGetMsgList(kGroup, kTIMConv_Group, "{\"msg_getmsglist_param_count\":10}", on_reply, &history), history, 0,
           "alice reads the history (TIMMsgGetMsgList)");
    expect(history.json.find("hello from alice") != std::string::npos && history.json.find("bob here") != std::string::npos,
           "both messages are in it");
    Reply convs;
    finish(TIMConvGetConvList(on_reply, &convs), convs, 0, "alice lists conversations (TIMConvGetConvList)");
    expect(convs.json.find(kGroup) != std::string::npos, "the group's conversation is there");
    // Tencent's paging of the filtered list: pages of one, to the end.
    size_t paged = 0;
    uint64_t cursor = 0;
    for (bool finished = false; !finished && paged < 10;) {
        Reply page;
        finish(TIMConvGetConversationListByFilter("{}", cursor, 1, on_reply, &page), page, 0,
               paged == 0 ? "alice pages her conversations one by one (TIMConvGetConversationListByFilter)" : "  the next page");
        expect(occurrences(page.json, "\"conv_id\"") == 1, "  one conversation a page");
        const std::string seq_key = std::string("\"") + TIMConversationListResultNextSeq + "\":";
        const size_t at = page.json.find(seq_key);
        expect(at != std::string::npos, "  the page names the next one");
        cursor = at == std::string::npos ? 0 : std::strtoull(page.json.c_str() + at + seq_key.size(), nullptr, 10);
        finished = page.json.find(std::string("\"") + TIMConversationListResultIsFinished + "\":true") != std::string::npos;
        paged++;
    }
    Reply all;
    finish(TIMConvGetConversationListByFilter("{}", 0, 0, on_reply, &all), all, 0, "  count 0: the whole list");
    expect(paged == 2 && occurrences(all.json, "\"conv_id\"") == paged, "  two pages, as many as the whole list");

    Reply quit;
    finish(HuddleGroupQuit(bob, kGroup, on_reply, &quit), quit, 0, "bob quits");
    expect(heard(alice_tips, "\"group_tips_elem_tip_type\":" + std::to_string(kTIMGroupTip_Quit), "bob"), "alice hears bob quit");

    // Self profiles, with Tencent's keys: the nickname then shows on alice's messages.
    Reply profile, profiles;
    finish(TIMProfileModifySelfUserProfile("{\"user_profile_item_nick_name\":\"Alice\"}", on_reply, &profile), profile, 0,
           "alice names herself (TIMProfileModifySelfUserProfile)");
    finish(TIMProfileGetUserProfileList("{\"friendship_getprofilelist_param_identifier_array\":[\"alice\"]}", on_reply, &profiles), profiles, 0,
           "  and reads it back (TIMProfileGetUserProfileList)");
    expect(profiles.json.find(std::string("\"") + kTIMUserProfileNickName + "\":\"Alice\"") != std::string::npos, "  with Tencent's key");

    // What Huddle lacks answers through the callback, on the library's thread.
    Reply friends;
    finish(TIMFriendshipGetFriendProfileList(on_reply, &friends), friends, ERR_SDK_INTERFACE_NOT_SUPPORT,
           "an unsupported function (TIMFriendshipGetFriendProfileList) calls back 7013");
    expect(friends.thread != std::this_thread::get_id() && friends.desc.find("TIMFriendshipGetFriendProfileList") != std::string::npos,
           "  on another thread, naming the function");
    TIMSetFriendAddRequestCallback(nullptr, nullptr);  // an event setter Huddle never calls: accepted

    Reply disband, lo;
    finish(TIMGroupDelete(kGroup, on_reply, &disband), disband, 0, "alice disbands the group (TIMGroupDelete)");
    finish(TIMLogout(on_reply, &lo), lo, 0, "alice logs out (TIMLogout)");
    expect(TIMUninit() == TIM_SUCC, "TIMUninit");
    expect(TIMUninit() == TIM_ERR_SDKUNINIT, "a second TIMUninit is TIM_ERR_SDKUNINIT");
    HuddleUninit(bob);

    // Poll mode: callbacks run on the app's thread, from HuddlePoll on the
    // default client's Huddle handle, and not before.
    expect(HuddleTIMClient() == nullptr, "no Huddle handle after TIMUninit");
    const std::string poll_init = "{\"callback_mode\":\"poll\",\"sdk_config_config_file_path\":\"" + dir + "/poll\"}";
    expect(TIMInit(1400000000, poll_init.c_str()) == TIM_SUCC && HuddleTIMClient() != nullptr, "TIMInit in poll mode hands out its Huddle handle");
    Reply polled;
    expect(TIMLogin("alice", "", on_reply, &polled) == TIM_SUCC, "TIMLogin in poll mode");
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    expect(!polled.done, "  nothing runs before HuddlePoll");
    for (int i = 0; i < 100 && !polled.done; i++) {
        HuddlePoll(HuddleTIMClient(), 100);
        if (!polled.done) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    expect(polled.done && polled.code == 0 && polled.thread == std::this_thread::get_id(), "  HuddlePoll runs the login's callback on the app's thread");
    expect(TIMUninit() == TIM_SUCC, "TIMUninit in poll mode");

    bool log_file = false;
    if (DIR* d = opendir(log_dir.c_str())) {
        while (dirent* e = readdir(d)) log_file |= std::strncmp(e->d_name, "huddle-imsdk-", 13) == 0;
        closedir(d);
    }
    expect(log_file, "a log file in sdk_config_log_file_path");

    std::printf("%s\n", failures == 0 ? "tim story: all steps ok" : "tim story: some steps failed");
    return failures == 0 ? 0 : 1;
}
