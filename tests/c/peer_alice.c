/*
 * peer_alice.c: alice's half of the seeds' two-user story, in C, in its own
 * process; bob's half is tests/csharp/peer/PeerBob.cs, in C#, in another.
 * Both are clients of one huddle-server (HUDDLE_TEST_SERVER_URL), and all
 * they know of each other comes through it. tests/csharp/run.sh runs them.
 *
 * Alice (poll mode) creates the Public group "xlang" (joins need approval),
 * approves bob's request, hears his message, answers it, hears him quit,
 * and disbands the group. Exits 0 when every check passed.
 */
#define _POSIX_C_SOURCE 200809L

#include <huddle.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int passed, failed;

static void check(int ok, const char *fmt, ...) {
    va_list ap;
    if (ok) {
        passed++;
        return;
    }
    failed++;
    fprintf(stderr, "FAIL peer_alice: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* What the callbacks saw, copied (their strings die when they return). */
static int reply_code = -1, replied;
static char reply_json[8192];
static char tips[16][4096];
static int ntips;
static char texts[16][256];
static int ntexts;

static void on_reply(int32_t code, const char *desc, const char *json, const void *user_data) {
    (void)desc;
    (void)user_data;
    reply_code = code;
    snprintf(reply_json, sizeof reply_json, "%s", json);
    replied = 1;
}

static void on_tip(const char *json, const void *user_data) {
    (void)user_data;
    if (ntips < 16) snprintf(tips[ntips++], sizeof tips[0], "%s", json);
}

/* Keeps the text of every text message heard. */
static void on_msg(const char *json, const void *user_data) {
    (void)user_data;
    const char *key = "\"text_elem_content\":\"";
    const char *at = strstr(json, key);
    if (at == NULL || ntexts == 16) return;
    at += strlen(key);
    const char *end = strchr(at, '"');
    snprintf(texts[ntexts++], sizeof texts[0], "%.*s", (int)(end - at), at);
}

static HuddleClient *alice;

static void pause_ms(long ms) {
    nanosleep(&(struct timespec){ms / 1000, (ms % 1000) * 1000000L}, NULL);
}

/* Polls until *flag or `seconds` pass; 1 if it came. */
static int poll_until(const int *flag, int target, int seconds) {
    for (int i = 0; i < seconds * 100; i++) {
        HuddlePoll(alice, 64);
        if (*flag >= target) return 1;
        pause_ms(10);
    }
    return 0;
}

/* Calls, waits for the answer, checks its code. */
#define CALL(code, call)                                                                        \
    do {                                                                                        \
        replied = 0;                                                                            \
        check((call) == HUDDLE_SUCC, "%s returned an error", #call);                            \
        check(poll_until(&replied, 1, 20), "%s: no answer", #call);                             \
        check(reply_code == (code), "%s answered %d (%s)", #call, reply_code, reply_json);      \
    } while (0)

/* Index of the first tip of `type` from `from` (after index `from_index`), or -1. */
static int find_tip(int type, int from_index) {
    char needle[64];
    snprintf(needle, sizeof needle, "\"group_tips_elem_tip_type\":%d,", type);
    for (int i = from_index; i < ntips; i++)
        if (strstr(tips[i], needle) != NULL) return i;
    return -1;
}

static int wait_tip(int type) {
    for (int i = 0; i < 3000 && find_tip(type, 0) < 0; i++) {
        HuddlePoll(alice, 64);
        pause_ms(10);
    }
    return find_tip(type, 0);
}

int main(void) {
    const char *url = getenv("HUDDLE_TEST_SERVER_URL");
    char config[512];
    if (url == NULL) {
        fprintf(stderr, "peer_alice: set HUDDLE_TEST_SERVER_URL\n");
        return 2;
    }
    snprintf(config, sizeof config, "{\"sdk_config_server_url\":\"%s\",\"callback_mode\":\"poll\"}", url);
    check(HuddleInit(config, &alice) == HUDDLE_SUCC, "HuddleInit");
    HuddleSetGroupTipsEventCallback(alice, on_tip, NULL);
    HuddleAddRecvNewMsgCallback(alice, on_msg, NULL);
    CALL(0, HuddleLogin(alice, "alice", NULL, on_reply, NULL));

    CALL(0, HuddleGroupCreate(alice, "{\"create_group_param_group_id\":\"xlang\",\"create_group_param_group_name\":\"Cross-language\","
                                    "\"create_group_param_group_type\":0}", on_reply, NULL));

    /* Bob, in the other process, asks to join. */
    int request = wait_tip(14);
    check(request >= 0, "no JoinRequest tip from bob");
    if (request >= 0) {
        check(strstr(tips[request], "\"group_tips_elem_op_user\":\"bob\"") != NULL, "the request is bob's: %s", tips[request]);
        check(strstr(tips[request], "\"group_tips_elem_msg\":\"hi from C#\"") != NULL, "with his hello: %s", tips[request]);
    }
    CALL(0, HuddleGroupHandlePendency(alice, "{\"group_handle_pendency_param_is_accept\":true,\"group_handle_pendency_param_pendency\":"
                                             "{\"group_pendency_group_id\":\"xlang\",\"group_pendency_form_identifier\":\"bob\"}}",
                                      on_reply, NULL));
    int join = wait_tip(1);
    check(join >= 0 && strstr(tips[join], "\"group_tips_elem_join_type\":1") != NULL, "bob joined by approval");

    /* His message, then alice's answer. */
    check(poll_until(&ntexts, 1, 30), "no message from bob");
    check(ntexts >= 1 && strcmp(texts[0], "hello from C# \xf0\x9f\x8e\xae") == 0, "bob's message: %s", ntexts ? texts[0] : "");
    char message_id[128];
    replied = 0;
    check(HuddleMsgSendMessage(alice, "xlang", 2, "{\"message_elem_array\":[{\"elem_type\":0,\"text_elem_content\":\"hello from C \xe2\x9c\x94\"}]}",
                               message_id, on_reply, NULL) == HUDDLE_SUCC, "send");
    check(poll_until(&replied, 1, 20) && reply_code == 0, "alice's answer is sent");

    /* Bob quits; the group goes. */
    int quit = wait_tip(2);
    check(quit >= 0 && strstr(tips[quit], "\"group_tips_elem_op_user\":\"bob\"") != NULL, "bob quit");
    CALL(0, HuddleGroupDelete(alice, "xlang", on_reply, NULL));
    CALL(0, HuddleLogout(alice, on_reply, NULL));
    check(HuddleUninit(alice) == HUDDLE_SUCC, "HuddleUninit");
    printf("peer_alice: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
