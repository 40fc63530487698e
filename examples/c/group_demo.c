/*
 * group_demo.c: the group story of the seeds, for two users of one process.
 * Alice creates a public group, Bob asks to join, Alice approves, both see
 * the join, Bob leaves and Alice disbands the group.
 *
 * Both clients use the embedded engine (no data dir: in memory, shared) and
 * "poll" mode, as a game loop would: callbacks run only inside HuddlePoll,
 * on this thread, so the demo needs no locks.
 * Exits 0 when every step gave the expected result.
 */
#define _POSIX_C_SOURCE 200809L

#include <huddle.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define GROUP_ID "demo_c_guild"

/* What one call reported; json is copied because the library's copy dies with the callback. */
typedef struct {
    int done;
    int code;
    char json[4096];
} Reply;

/* The tip types a user has seen, in order. */
typedef struct {
    const char *user;
    int types[32];
    int count;
} Tips;

static HuddleClient *alice;
static HuddleClient *bob;

static void on_reply(int32_t code, const char *desc, const char *json_params, const void *user_data) {
    Reply *reply = (Reply *)user_data;
    reply->code = code;
    snprintf(reply->json, sizeof reply->json, "%s", json_params);
    reply->done = 1;
    if (code != 0) {
        printf("  error %d: %s\n", code, desc);
    }
}

static void on_tip(const char *json_group_tip, const void *user_data) {
    Tips *tips = (Tips *)user_data;
    const char *type = strstr(json_group_tip, "\"group_tips_elem_tip_type\":");
    if (type != NULL && tips->count < 32) {
        tips->types[tips->count++] = atoi(type + strlen("\"group_tips_elem_tip_type\":"));
    }
    printf("  %s got a tip: %s\n", tips->user, json_group_tip);
}

/* One turn of the game loop: runs both clients' callbacks, or naps when none is waiting. */
static void pump(void) {
    struct timespec nap = {0, 1000000};
    if (HuddlePoll(alice, 64) + HuddlePoll(bob, 64) == 0) {
        nanosleep(&nap, NULL);
    }
}

/* Each wait gives up after about 5 seconds. */
enum { MAX_TURNS = 5000 };

static void pump_until(const int *flag) {
    for (int i = 0; i < MAX_TURNS && !*flag; i++) {
        pump();
    }
}

static int has_tip(const Tips *tips, int type) {
    for (int i = 0; i < tips->count; i++) {
        if (tips->types[i] == type) {
            return 1;
        }
    }
    return 0;
}

static int wait_tip(const Tips *tips, int type) {
    for (int i = 0; i < MAX_TURNS && !has_tip(tips, type); i++) {
        pump();
    }
    return has_tip(tips, type);
}

static int failures;

static void expect(int ok, const char *what) {
    printf("%s %s\n", ok ? "ok  " : "FAIL", what);
    failures += !ok;
}

/* Checks the synchronous result, then waits for the callback and checks its code. */
static void finish(int32_t result, Reply *reply, int want_code, const char *what) {
    if (result != HUDDLE_SUCC) {
        printf("  refused: %s\n", HuddleResultString(result));
        expect(0, what);
        return;
    }
    pump_until(&reply->done);
    expect(reply->done && reply->code == want_code, what);
}

int main(void) {
    Tips alice_tips = {"alice", {0}, 0};
    Tips bob_tips = {"bob", {0}, 0};
    const char *config = "{\"callback_mode\":\"poll\"}";

    printf("huddle %s\n", HuddleGetSDKVersion());
    if (HuddleInit(config, &alice) != HUDDLE_SUCC || HuddleInit(config, &bob) != HUDDLE_SUCC) {
        fprintf(stderr, "HuddleInit failed\n");
        return 1;
    }
    HuddleSetGroupTipsEventCallback(alice, on_tip, &alice_tips);
    HuddleSetGroupTipsEventCallback(bob, on_tip, &bob_tips);

    Reply login_a = {0}, login_b = {0};
    finish(HuddleLogin(alice, "alice", NULL, on_reply, &login_a), &login_a, 0, "alice logs in");
    finish(HuddleLogin(bob, "bob", NULL, on_reply, &login_b), &login_b, 0, "bob logs in");

    Reply create = {0};
    finish(HuddleGroupCreate(alice,
                             "{\"create_group_param_group_id\":\"" GROUP_ID "\","
                             "\"create_group_param_group_name\":\"Friday raid\","
                             "\"create_group_param_group_type\":0}",
                             on_reply, &create),
           &create, 0, "alice creates a public group");

    Reply join = {0};
    finish(HuddleGroupJoin(bob, GROUP_ID, "let me in", on_reply, &join), &join, 0, "bob asks to join");
    expect(strstr(join.json, "\"group_join_result_status\":1") != NULL, "bob waits for approval");
    expect(wait_tip(&alice_tips, 14), "alice is told of the request (tip 14)");

    Reply pending = {0};
    finish(HuddleGroupGetPendencyList(alice, "{}", on_reply, &pending), &pending, 0, "alice lists requests");
    expect(strstr(pending.json, "\"group_pendency_form_identifier\":\"bob\"") != NULL, "bob's request is listed");

    Reply approve = {0};
    finish(HuddleGroupHandlePendency(alice,
                                     "{\"group_handle_pendency_param_is_accept\":true,"
                                     "\"group_handle_pendency_param_pendency\":{"
                                     "\"group_pendency_group_id\":\"" GROUP_ID "\","
                                     "\"group_pendency_form_identifier\":\"bob\"}}",
                                     on_reply, &approve),
           &approve, 0, "alice approves");
    expect(wait_tip(&bob_tips, 1) && wait_tip(&alice_tips, 1), "both are told bob joined (tip 1)");

    Reply joined = {0};
    finish(HuddleGroupGetJoinedGroupList(bob, on_reply, &joined), &joined, 0, "bob lists his groups");
    expect(strstr(joined.json, GROUP_ID) != NULL, "the group is among them");

    Reply info = {0};
    finish(HuddleGroupGetGroupInfoList(alice, "[\"" GROUP_ID "\"]", on_reply, &info), &info, 0, "alice reads the profile");
    expect(strstr(info.json, "\"group_detail_info_member_num\":2") != NULL, "the group has two members");

    Reply owner_quit = {0};
    finish(HuddleGroupQuit(alice, GROUP_ID, on_reply, &owner_quit), &owner_quit, HUDDLE_CODE_OWNER_MAY_NOT_QUIT,
           "the owner may not quit a public group (10009)");

    Reply quit = {0};
    finish(HuddleGroupQuit(bob, GROUP_ID, on_reply, &quit), &quit, 0, "bob leaves");
    expect(wait_tip(&alice_tips, 2), "alice is told bob left (tip 2)");

    Reply disband = {0};
    finish(HuddleGroupDelete(alice, GROUP_ID, on_reply, &disband), &disband, 0, "alice disbands the group");
    expect(wait_tip(&alice_tips, 13), "alice is told the group is gone (tip 13)");

    Reply logout_a = {0}, logout_b = {0};
    finish(HuddleLogout(alice, on_reply, &logout_a), &logout_a, 0, "alice logs out");
    finish(HuddleLogout(bob, on_reply, &logout_b), &logout_b, 0, "bob logs out");

    HuddleUninit(alice);
    HuddleUninit(bob);
    printf("%s\n", failures == 0 ? "group demo: all steps ok" : "group demo: some steps failed");
    return failures == 0 ? 0 : 1;
}
