/*
 * abi_test.c: drives libhuddle through include/huddle.h alone, the way a C
 * host does. tests/c_abi.rs compiles it with -Wall -Wextra -Wpedantic
 * -Werror, runs it, then runs it again under valgrind.
 *
 * Most scenarios use poll mode: callbacks then run only inside HuddlePoll on
 * this thread, so every step is deterministic. Every callback and every tip
 * is copied into buffers (the library's strings die when the callback
 * returns) and asserted afterwards: codes, JSON fields, tip sequences.
 * Prints "N passed, N failed"; exits 1 on any failure.
 */
#define _POSIX_C_SOURCE 200809L

#include <huddle.h>

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Every config goes through cfg(): against a huddle-server (the
 * HUDDLE_TEST_SERVER_URL environment variable, which tests/c_abi.rs sets)
 * it names the server, and the same scenarios run over the network. */
#define POLL "{\"callback_mode\":\"poll\"}"
#define THREAD "{\"callback_mode\":\"thread\"}"
/* 10 ms slices: bounds every wait at 10 s, room enough for valgrind. */
#define WAIT_SLICES 1000
#define MAX_USERS 8
#define MAX_TIPS 64
#define MAX_EVENTS 256
#define MAX_REPLIES 512

/* ---------------------------------------------------------------- checks */

/* Callbacks of thread-mode clients check too, on the dispatcher threads. */
static pthread_mutex_t check_mu = PTHREAD_MUTEX_INITIALIZER;
static int passed, failed;

static bool check(bool ok, int line, const char *fmt, ...) {
    pthread_mutex_lock(&check_mu);
    if (ok) {
        passed++;
    } else {
        va_list ap;
        failed++;
        fprintf(stderr, "FAIL abi_test.c:%d: ", line);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputc('\n', stderr);
    }
    pthread_mutex_unlock(&check_mu);
    return ok;
}

#define CHECK(cond) check((cond), __LINE__, "%s", #cond)
#define CHECK_INT(actual, expected) check_int((actual), (expected), __LINE__, #actual)
#define CHECK_STR(actual, expected) check_str((actual), (expected), __LINE__, #actual)
#define CHECK_FIELD(json, key, expected) check_field((json), (key), (expected), __LINE__)

static void check_int(long long actual, long long expected, int line, const char *what) {
    check(actual == expected, line, "%s is %lld, expected %lld", what, actual, expected);
}

static void check_str(const char *actual, const char *expected, int line, const char *what) {
    check(actual != NULL && strcmp(actual, expected) == 0, line, "%s is \"%s\", expected \"%s\"", what,
          actual ? actual : "(null)", expected);
}

/* ------------------------------------------------------ a tiny JSON reader */

/* Length of the JSON value starting at v: a scalar, a string, or a balanced
 * object or array. The library writes compact JSON (no spaces). */
static size_t value_len(const char *v) {
    size_t i = 0;
    int depth = 0;
    bool in_str = false;
    for (; v[i] != '\0'; i++) {
        char c = v[i];
        if (in_str) {
            if (c == '\\' && v[i + 1] != '\0') {
                i++;
            } else if (c == '"') {
                in_str = false;
                if (depth == 0) return i + 1;
            }
        } else if (c == '"') {
            in_str = true;
        } else if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            if (depth == 0) return i;
            if (--depth == 0) return i + 1;
        } else if (c == ',' && depth == 0) {
            return i;
        }
    }
    return i;
}

/* Copies the raw value of the first "key" in json (strings keep their
 * quotes) into out; false if the key is missing or the value does not fit. */
static bool field(const char *json, const char *key, char *out, size_t size) {
    char needle[128];
    snprintf(needle, sizeof needle, "\"%s\":", key);
    const char *at = json ? strstr(json, needle) : NULL;
    if (at == NULL) return false;
    at += strlen(needle);
    size_t n = value_len(at);
    if (n >= size) return false;
    memcpy(out, at, n);
    out[n] = '\0';
    return true;
}

/* A string field without its quotes (our IDs need no unescaping). */
static bool string_field(const char *json, const char *key, char *out, size_t size) {
    if (!field(json, key, out, size) || out[0] != '"') return false;
    size_t n = strlen(out);
    memmove(out, out + 1, n - 2);
    out[n - 2] = '\0';
    return true;
}

static void check_field(const char *json, const char *key, const char *expected, int line) {
    char value[8192];
    if (!field(json, key, value, sizeof value)) {
        check(false, line, "no field %s in %s", key, json ? json : "(null)");
        return;
    }
    check(strcmp(value, expected) == 0, line, "%s is %s, expected %s, in %s", key, value, expected, json);
}

static int count(const char *haystack, const char *needle) {
    int n = 0;
    for (const char *at = haystack ? strstr(haystack, needle) : NULL; at; at = strstr(at + 1, needle)) n++;
    return n;
}

/* Copies the i-th element of the JSON array `array` into out; false if there
 * is none or it does not fit. */
static bool element(const char *array, size_t i, char *out, size_t size) {
    if (array == NULL || array[0] != '[') return false;
    for (const char *at = array + 1; *at != ']' && *at != '\0'; i--) {
        size_t n = value_len(at);
        if (i == 0) {
            if (n >= size) return false;
            memcpy(out, at, n);
            out[n] = '\0';
            return true;
        }
        at += n;
        if (*at == ',') at++;
    }
    return false;
}

/* Copies the first element of `array` that contains `needle` into out. */
static bool find_element(const char *array, const char *needle, char *out, size_t size) {
    for (size_t i = 0; element(array, i, out, size); i++)
        if (strstr(out, needle) != NULL) return true;
    return false;
}

/* JSON arguments: the library borrows them only for the call, so a few
 * rotating buffers suffice. Main thread only. */
static const char *J(const char *fmt, ...) {
    static char bufs[4][16384];
    static int next;
    char *buf = bufs[next++ % 4];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof bufs[0], fmt, ap);
    va_end(ap);
    return buf;
}

static char *copy(const char *s) {
    if (s == NULL) return NULL;
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p != NULL) memcpy(p, s, n);
    return p;
}

/* `config` naming the server under test, if there is one. Main thread only. */
static const char *cfg(const char *config) {
    static char bufs[8][512];
    static int next;
    const char *urls = getenv("HUDDLE_TEST_SERVER_URL");
    if (urls == NULL || config[0] != '{') return config;
    /* Several comma-separated URLs (a cluster's nodes): each client takes
     * the next, so the users of a scenario sit on different nodes. */
    int count = 1;
    for (const char *p = urls; *p; p++) count += *p == ',';
    int pick = next % count;
    const char *url = urls;
    for (int i = 0; i < pick; i++) url = strchr(url, ',') + 1;
    int len = (int)(strchr(url, ',') ? (size_t)(strchr(url, ',') - url) : strlen(url));
    char *buf = bufs[next++ % 8];
    snprintf(buf, sizeof bufs[0], "{\"sdk_config_server_url\":\"%.*s\"%s%s", len, url, config[1] == '}' ? "" : ",", config + 1);
    return buf;
}

/* ------------------------------------------------------------- recording */

/* Guards every record below: thread-mode callbacks write from dispatchers. */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static pthread_t main_thread;

/* One asynchronous call's callback, copied. */
typedef struct {
    int expect_calls; /* 1 when the call returned 0, else 0 */
    int calls;
    int code;
    bool on_main;
    char *desc;
    char *json;
} Reply;

static Reply replies[MAX_REPLIES];
static size_t nreplies;

static Reply *new_reply(void) {
    if (nreplies == MAX_REPLIES) {
        fprintf(stderr, "abi_test.c: raise MAX_REPLIES\n");
        exit(2);
    }
    Reply *r = &replies[nreplies++];
    memset(r, 0, sizeof *r);
    return r;
}

static void on_reply(int32_t code, const char *desc, const char *json, const void *user_data) {
    Reply *r = (Reply *)user_data;
    pthread_mutex_lock(&mu);
    if (r->calls++ == 0) {
        r->code = code;
        r->desc = copy(desc);
        r->json = copy(json);
        r->on_main = pthread_equal(pthread_self(), main_thread);
    }
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
}

/* One message-side listener call, copied: kind "msg" (one message of a recv
 * callback's array), "revoke" (one locator), "conv<N>" (one conversation of
 * a conversation event N) or "cg<N>" (a conversation-group event N). */
typedef struct {
    char kind[8];
    bool taken;
    char *json;
} Event;

typedef struct {
    const char *name;
    HuddleClient *h;
    bool poll;
    int tips_on_main;
    size_t ntips;
    char *tips[MAX_TIPS];
    size_t nevents;
    Event events[MAX_EVENTS];
} User;

/* Poll-mode clients that `pump` drives. */
static User *live[MAX_USERS];

static void on_tip(const char *json, const void *user_data) {
    User *u = (User *)user_data;
    pthread_mutex_lock(&mu);
    if (u->ntips < MAX_TIPS) u->tips[u->ntips] = copy(json);
    u->ntips++;
    if (pthread_equal(pthread_self(), main_thread)) u->tips_on_main++;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
}

static void record(User *u, const char *kind, const char *json) {
    pthread_mutex_lock(&mu);
    if (u->nevents < MAX_EVENTS) {
        Event *e = &u->events[u->nevents];
        snprintf(e->kind, sizeof e->kind, "%s", kind);
        e->json = copy(json);
    }
    u->nevents++;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
}

/* Records each element of a listener's JSON array as an event of its own, so
 * that checks do not depend on how the library batches. */
static void record_each(User *u, const char *kind, const char *array) {
    char item[16384];
    size_t i = 0;
    for (; element(array, i, item, sizeof item); i++) record(u, kind, item);
    check(i > 0, __LINE__, "%s's %s listener got \"%s\"", u->name, kind, array ? array : "(null)");
}

static void on_msg(const char *json, const void *user_data) {
    record_each((User *)user_data, "msg", json);
}

static void on_revoke(const char *json, const void *user_data) {
    record_each((User *)user_data, "revoke", json);
}

static void on_conv(int32_t event, const char *json, const void *user_data) {
    char kind[8];
    snprintf(kind, sizeof kind, "conv%d", (int)event);
    record_each((User *)user_data, kind, json);
}

static void on_conv_group(int32_t event, const char *json, const void *user_data) {
    char kind[8];
    snprintf(kind, sizeof kind, "cg%d", (int)event);
    record((User *)user_data, kind, json);
}

/* Tencent's five typed conversation-group listeners: each records
 * "tcg<event>" with {"name", "new_name", "convs", "reason"} as it was called. */
static void record_typed(const void *user_data, int event, const char *name, const char *new_name, const char *convs, int reason) {
    char kind[8], json[1024];
    snprintf(kind, sizeof kind, "tcg%d", event);
    snprintf(json, sizeof json, "{\"name\":\"%s\",\"new_name\":\"%s\",\"convs\":%s,\"reason\":%d}", name, new_name, convs, reason);
    record((User *)user_data, kind, json);
}
static void on_cg_created(const char *name, const char *convs, const void *ud) { record_typed(ud, 0, name, "", convs, -1); }
static void on_cg_deleted(const char *name, const void *ud) { record_typed(ud, 1, name, "", "null", -1); }
static void on_cg_renamed(const char *old_name, const char *new_name, const void *ud) { record_typed(ud, 2, old_name, new_name, "null", -1); }
static void on_cg_added(const char *name, const char *convs, const void *ud) { record_typed(ud, 3, name, "", convs, -1); }
static void on_cg_removed(const char *name, const char *convs, uint32_t reason, const void *ud) { record_typed(ud, 4, name, "", convs, (int)reason); }

static void set_typed_conv_group_listeners(User *u, bool on) {
    HuddleSetConvConversationGroupCreatedCallback(u->h, on ? on_cg_created : NULL, u);
    HuddleSetConvConversationGroupDeletedCallback(u->h, on ? on_cg_deleted : NULL, u);
    HuddleSetConvConversationGroupNameChangedCallback(u->h, on ? on_cg_renamed : NULL, u);
    HuddleSetConvConversationsAddedToGroupCallback(u->h, on ? on_cg_added : NULL, u);
    HuddleSetConvConversationsDeletedFromGroupCallback(u->h, on ? on_cg_removed : NULL, u);
}

/* Records u's messages, recalls, conversation and conversation-group events. */
static void add_listeners(User *u) {
    HuddleAddRecvNewMsgCallback(u->h, on_msg, u);
    HuddleSetMsgRevokeCallback(u->h, on_revoke, u);
    HuddleSetConvEventCallback(u->h, on_conv, u);
    HuddleSetConvGroupEventCallback(u->h, on_conv_group, u);
}

/* Runs every pending poll-mode callback, until none is left. */
static void pump(void) {
    for (int round = 0; round < 1000; round++) {
        bool ran = false;
        for (size_t i = 0; i < MAX_USERS; i++)
            if (live[i] != NULL && live[i]->poll && HuddlePoll(live[i]->h, 64) > 0) ran = true;
        if (!ran) return;
    }
}

typedef bool (*Pred)(const void *arg); /* evaluated with mu held */

/* Pumps poll clients and waits for thread clients until pred holds, 10 s at most. */
static bool wait_for(Pred pred, const void *arg) {
    pump();
    pthread_mutex_lock(&mu);
    bool ok = pred(arg);
    for (int slice = 0; !ok && slice < WAIT_SLICES; slice++) {
        struct timespec t;
        clock_gettime(CLOCK_REALTIME, &t);
        t.tv_nsec += 10 * 1000 * 1000;
        if (t.tv_nsec >= 1000 * 1000 * 1000) {
            t.tv_sec++;
            t.tv_nsec -= 1000 * 1000 * 1000;
        }
        pthread_cond_timedwait(&cv, &mu, &t);
        pthread_mutex_unlock(&mu);
        pump();
        pthread_mutex_lock(&mu);
        ok = pred(arg);
    }
    pthread_mutex_unlock(&mu);
    return ok;
}

static bool reply_came(const void *arg) {
    return ((const Reply *)arg)->calls > 0;
}

/* Checks an accepted call's sync result and callback: once, with `code`, a
 * desc, and JSON that is an object or an array. */
static Reply *finish_async(int32_t sync, int32_t code, int line, const char *what) {
    Reply *r = &replies[nreplies - 1];
    r->expect_calls = sync == HUDDLE_SUCC;
    if (!check(sync == HUDDLE_SUCC, line, "%s returned %d, expected 0", what, sync)) return r;
    if (!check(wait_for(reply_came, r), line, "%s: no callback within the time limit", what)) return r;
    check(r->code == code, line, "%s called back %d (%s), expected %d", what, r->code, r->desc ? r->desc : "(null)",
          code);
    check(r->desc != NULL, line, "%s: desc is NULL", what);
    check(r->json != NULL && (r->json[0] == '{' || r->json[0] == '['), line, "%s: json_params is \"%s\"", what,
          r->json ? r->json : "(null)");
    return r;
}

/* A refused call: the sync code, and (checked when the scenario ends) no callback. */
static void finish_refused(int32_t sync, int32_t expected, int line, const char *what) {
    replies[nreplies - 1].expect_calls = 0;
    check(sync == expected, line, "%s returned %d, expected %d", what, sync, expected);
}

/* `fn(args..., on_reply, slot)`: the slot is taken before fn runs, and the
 * finisher picks up the newest one. */
#define ASYNC(code, fn, ...) (new_reply(), finish_async(fn(__VA_ARGS__, on_reply, &replies[nreplies - 1]), (code), __LINE__, #fn))
#define REFUSED(err, fn, ...) (new_reply(), finish_refused(fn(__VA_ARGS__, on_reply, &replies[nreplies - 1]), (err), __LINE__, #fn))

/* Every callback came exactly once iff its call returned 0; frees the copies. */
static void settle_replies(void) {
    pump();
    for (size_t i = 0; i < nreplies; i++) {
        Reply *r = &replies[i];
        check(r->calls == r->expect_calls, __LINE__, "reply %zu came %d times, expected %d", i, r->calls,
              r->expect_calls);
        free(r->desc);
        free(r->json);
    }
    nreplies = 0;
}

static User *open_user(const char *name, const char *config) {
    User *u = calloc(1, sizeof *u);
    if (u == NULL) exit(2);
    u->name = name;
    u->poll = strstr(config, "\"poll\"") != NULL;
    CHECK_INT(HuddleInit(cfg(config), &u->h), HUDDLE_SUCC);
    HuddleSetGroupTipsEventCallback(u->h, on_tip, u);
    for (size_t i = 0; i < MAX_USERS; i++) {
        if (live[i] == NULL) {
            live[i] = u;
            break;
        }
    }
    ASYNC(0, HuddleLogin, u->h, name, NULL);
    CHECK_INT(HuddleGetLoginStatus(u->h), HUDDLE_STATUS_LOGGED_IN);
    return u;
}

/* Uninit (expecting `uninit_result`: -1 when a test already ended the
 * client) and forget the user. */
static void close_user(User *u, int32_t uninit_result) {
    CHECK_INT(HuddleUninit(u->h), uninit_result);
    for (size_t i = 0; i < MAX_USERS; i++)
        if (live[i] == u) live[i] = NULL;
    for (size_t i = 0; i < u->ntips && i < MAX_TIPS; i++) free(u->tips[i]);
    for (size_t i = 0; i < u->nevents && i < MAX_EVENTS; i++) free(u->events[i].json);
    free(u);
}

/* Closes a scenario's users (a NULL-terminated list) and checks that every
 * reply came as owed. */
static void end_scenario(User *const users[]) {
    for (size_t i = 0; users[i] != NULL; i++) close_user(users[i], HUDDLE_SUCC);
    settle_replies();
}

static bool has_tips(const void *arg) {
    const User *u = ((const void *const *)arg)[0];
    const size_t *n = ((const void *const *)arg)[1];
    return u->ntips >= *n;
}

/* The types of every tip `u` got so far, in order, are exactly `expected`
 * ("12,14,1"; "" for none). */
#define EXPECT_TIPS(u, expected) expect_tips((u), (expected), __LINE__)
static void expect_tips(User *u, const char *expected, int line) {
    size_t n = expected[0] == '\0' ? 0 : (size_t)count(expected, ",") + 1;
    const void *arg[2] = {u, &n};
    wait_for(has_tips, arg);
    char actual[512] = "";
    pthread_mutex_lock(&mu);
    for (size_t i = 0; i < u->ntips && i < MAX_TIPS; i++) {
        char type[16] = "?";
        field(u->tips[i], "group_tips_elem_tip_type", type, sizeof type);
        snprintf(actual + strlen(actual), sizeof actual - strlen(actual), "%s%s", i ? "," : "", type);
    }
    pthread_mutex_unlock(&mu);
    check(strcmp(actual, expected) == 0, line, "%s got tips [%s], expected [%s]", u->name, actual, expected);
}

/* How many events of `kind` `u` has that no take has taken; mu held. */
static size_t new_events(const User *u, const char *kind) {
    size_t n = 0;
    for (size_t i = 0; i < u->nevents && i < MAX_EVENTS; i++)
        n += !u->events[i].taken && strcmp(u->events[i].kind, kind) == 0;
    return n;
}

static bool has_events(const void *arg) {
    const void *const *a = arg;
    return new_events(a[0], a[1]) >= *(const size_t *)a[2];
}

/* Waits until `u` has `n` new events of `kind`, then takes every new one of
 * that kind; true if there were exactly n. `out` (n entries) gets their JSON
 * in order, "" for any missing; it stays valid until the user closes. */
#define TAKE(u, kind, n, out) take((u), (kind), (n), (out), __LINE__)
static bool take(User *u, const char *kind, size_t n, const char **out, int line) {
    const void *arg[3] = {u, kind, &n};
    size_t got = 0;
    wait_for(has_events, arg);
    pthread_mutex_lock(&mu);
    for (size_t i = 0; i < u->nevents && i < MAX_EVENTS; i++) {
        Event *e = &u->events[i];
        if (e->taken || strcmp(e->kind, kind) != 0) continue;
        e->taken = true;
        if (got < n) out[got] = e->json;
        got++;
    }
    bool overflow = u->nevents > MAX_EVENTS;
    pthread_mutex_unlock(&mu);
    for (size_t i = got; i < n; i++) out[i] = "";
    return check(got == n && !overflow, line, "%s got %zu new %s events, expected %zu%s", u->name, got, kind, n,
                 overflow ? " (raise MAX_EVENTS)" : "");
}

/* Takes every event `u` has so far, unchecked: later takes see only what follows. */
static void skip_events(User *u) {
    pump();
    pthread_mutex_lock(&mu);
    for (size_t i = 0; i < u->nevents && i < MAX_EVENTS; i++) u->events[i].taken = true;
    pthread_mutex_unlock(&mu);
}

/* The newest tip of `u`, for field checks after EXPECT_TIPS. */
static const char *last_tip(const User *u) {
    return u->ntips > 0 && u->ntips <= MAX_TIPS ? u->tips[u->ntips - 1] : "";
}

/* Creates a group and returns its ID (in `gid`, 64 bytes). */
static void create_group(User *owner, const char *params, char *gid) {
    Reply *r = ASYNC(0, HuddleGroupCreate, owner->h, params);
    gid[0] = '\0';
    CHECK(string_field(r->json, "create_group_result_groupid", gid, 64));
}

/* -------------------------------------------------------------- scenarios */

/* The quickstart of API.md: a Public group with approval, a Work group that
 * refuses requests, a quit and a disband, with every tip of every user. */
static void scenario_quickstart(void) {
    User *alice = open_user("alice", POLL);
    User *bob = open_user("bob", POLL);
    User *carol = open_user("carol", POLL);
    char gid[64], wid[64], pendency[4096] = "", uid[16];
    const char *ev, *evs[2];
    Reply *r;

    CHECK_INT(HuddleGetLoginUserID(alice->h, uid, sizeof uid), HUDDLE_SUCC);
    CHECK_STR(uid, "alice");

    create_group(alice, "{\"create_group_param_group_name\":\"Quickstart\",\"create_group_param_group_type\":0}", gid);
    CHECK(strncmp(gid, "@TGS#", 5) == 0);
    EXPECT_TIPS(alice, "12");
    CHECK_FIELD(last_tip(alice), "group_tips_elem_group_id", J("\"%s\"", gid));
    CHECK_FIELD(last_tip(alice), "group_tips_elem_group_name", "\"Quickstart\"");
    /* From here, their messages too: each tip as a message (elem 5), then the
     * group system message (Tencent's group report, elem 8) to whom it concerns. */
    add_listeners(alice);
    add_listeners(bob);

    r = ASYNC(0, HuddleGroupJoin, bob->h, gid, "let me in");
    CHECK_FIELD(r->json, "group_join_result_status", "1");
    EXPECT_TIPS(alice, "12,14");
    CHECK_FIELD(last_tip(alice), "group_tips_elem_op_user", "\"bob\"");
    CHECK_FIELD(last_tip(alice), "group_tips_elem_msg", "\"let me in\"");
    EXPECT_TIPS(bob, "");
    TAKE(alice, "msg", 2, evs);
    CHECK_FIELD(evs[0], "elem_type", "5");
    ev = evs[1];
    CHECK_FIELD(ev, "message_conv_type", "3");
    CHECK_FIELD(ev, "elem_type", "8");
    CHECK_FIELD(ev, "group_report_elem_report_type", "1");
    CHECK_FIELD(ev, "group_report_elem_group_id", J("\"%s\"", gid));
    CHECK_FIELD(ev, "group_report_elem_op_user", "\"bob\"");
    CHECK_FIELD(ev, "group_report_elem_msg", "\"let me in\"");
    TAKE(bob, "msg", 0, &ev);

    r = ASYNC(0, HuddleGroupGetPendencyList, alice->h,
              "{\"group_pendency_option_start_time\":0,\"group_pendency_option_max_limited\":10}");
    CHECK_FIELD(r->json, "group_pendency_result_unread_num", "1");
    CHECK_FIELD(r->json, "group_pendency_form_identifier", "\"bob\"");
    CHECK_FIELD(r->json, "group_pendency_group_id", J("\"%s\"", gid));
    CHECK_FIELD(r->json, "group_pendency_apply_invite_msg", "\"let me in\"");
    CHECK(field(r->json, "group_pendency_result_pendency_array", pendency, sizeof pendency));
    /* The list's only item, as is, names the request to answer. */
    pendency[strlen(pendency) - 1] = '\0';
    const char *approve = J("{\"group_handle_pendency_param_is_accept\":true,"
                            "\"group_handle_pendency_param_handle_msg\":\"welcome\","
                            "\"group_handle_pendency_param_pendency\":%s}",
                            pendency + 1);
    ASYNC(0, HuddleGroupHandlePendency, alice->h, approve);
    EXPECT_TIPS(alice, "12,14,1");
    EXPECT_TIPS(bob, "1");
    TAKE(bob, "msg", 2, evs);
    CHECK_FIELD(evs[0], "group_tips_elem_tip_type", "1");
    ev = evs[1];
    CHECK_FIELD(ev, "group_report_elem_report_type", "2");
    CHECK_FIELD(ev, "group_report_elem_op_user", "\"alice\"");
    CHECK_FIELD(ev, "group_report_elem_msg", "\"welcome\"");
    TAKE(alice, "msg", 1, &ev);
    CHECK_FIELD(ev, "group_tips_elem_tip_type", "1");
    for (int i = 0; i < 2; i++) {
        const char *tip = last_tip(i ? bob : alice);
        CHECK_FIELD(tip, "group_tips_elem_join_type", "1");
        CHECK_FIELD(tip, "group_tips_elem_op_user", "\"alice\"");
        CHECK_FIELD(tip, "group_tips_elem_user_array", "[\"bob\"]");
        CHECK_FIELD(tip, "group_tips_elem_member_num", "2");
    }
    ASYNC(HUDDLE_CODE_REQUEST_HANDLED, HuddleGroupHandlePendency, alice->h, approve);

    r = ASYNC(0, HuddleGroupGetJoinedGroupList, bob->h);
    CHECK_FIELD(r->json, "group_base_info_group_id", J("\"%s\"", gid));
    CHECK_FIELD(r->json, "group_self_info_role", "200");
    r = ASYNC(0, HuddleGroupGetGroupInfoList, carol->h, J("[\"%s\"]", gid));
    CHECK_FIELD(r->json, "get_groups_info_result_code", "0");
    CHECK_FIELD(r->json, "group_detail_info_member_num", "2");
    CHECK_FIELD(r->json, "group_detail_info_owner_identifier", "\"alice\"");
    CHECK_FIELD(r->json, "group_detail_info_add_option", "1");

    create_group(alice, "{\"create_group_param_group_name\":\"Staff\",\"create_group_param_group_type\":1}", wid);
    ASYNC(HUDDLE_CODE_JOIN_WORK_GROUP_DENIED, HuddleGroupJoin, carol->h, wid, NULL);

    ASYNC(HUDDLE_CODE_OWNER_MAY_NOT_QUIT, HuddleGroupQuit, alice->h, gid);
    ASYNC(0, HuddleGroupQuit, bob->h, gid);
    EXPECT_TIPS(alice, "12,14,1,12,2");
    EXPECT_TIPS(bob, "1,2");
    CHECK_FIELD(last_tip(bob), "group_tips_elem_user_array", "[\"bob\"]");
    CHECK_FIELD(last_tip(alice), "group_tips_elem_member_num", "1");

    ASYNC(HUDDLE_CODE_PERMISSION_DENIED, HuddleGroupDelete, bob->h, gid);
    ASYNC(0, HuddleGroupDelete, alice->h, gid);
    EXPECT_TIPS(alice, "12,14,1,12,2,13");
    EXPECT_TIPS(bob, "1,2");
    EXPECT_TIPS(carol, "");
    r = ASYNC(0, HuddleGroupGetGroupInfoList, carol->h, J("[\"%s\"]", gid));
    CHECK_FIELD(r->json, "get_groups_info_result_code", J("%d", HUDDLE_CODE_GROUP_NOT_FOUND));

    ASYNC(0, HuddleLogout, bob->h);
    CHECK_INT(HuddleGetLoginStatus(bob->h), HUDDLE_STATUS_LOGGED_OUT);
    REFUSED(HUDDLE_ERR_NOTLOGIN, HuddleGroupGetJoinedGroupList, bob->h);

    end_scenario((User *[]){alice, bob, carol, NULL});
}

static int wakes;

static void on_wake(const void *user_data) {
    (void)user_data;
    pthread_mutex_lock(&mu);
    wakes++;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
}

typedef struct {
    int calls;
    int status;
} Network;

static void on_network(int32_t status, int32_t code, const char *desc, const void *user_data) {
    Network *n = (Network *)user_data;
    (void)code;
    CHECK(desc != NULL);
    n->calls++;
    n->status = status;
}

/* Every way a caller can get an argument wrong, and the small sync functions. */
static void scenario_misuse(void) {
    User *alice = open_user("alice", POLL);
    HuddleClient *anon = NULL;
    char buf[16];
    char long_name[160];
    Reply *r;
    memset(long_name, 'n', 101);
    long_name[101] = '\0';

    CHECK_STR(HuddleGetSDKVersion(), HUDDLE_VERSION);
    CHECK_STR(J("%d.%d.%d", HUDDLE_VERSION_MAJOR, HUDDLE_VERSION_MINOR, HUDDLE_VERSION_PATCH), HUDDLE_VERSION);
    CHECK_INT(HUDDLE_VERSION_NUMBER,
              HUDDLE_VERSION_MAJOR * 1000000 + HUDDLE_VERSION_MINOR * 1000 + HUDDLE_VERSION_PATCH);
    const int32_t codes[] = {0, -1, -2, -3, -4, -5, -6, -7, 1, 6013, 6014, 6017, 8502, 8508, 10007, 10010, 10024,
                             51011, 123456, INT32_MIN, INT32_MAX};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        const char *s = HuddleResultString(codes[i]);
        check(s != NULL && s[0] != '\0', __LINE__, "HuddleResultString(%d) is NULL or empty", codes[i]);
    }
    CHECK_STR(HuddleResultString(123456), "unknown error code");
    CHECK(strcmp(HuddleResultString(HUDDLE_CODE_GROUP_FULL), "unknown error code") != 0);

    /* NULL and stale handles. */
    REFUSED(HUDDLE_ERR_SDKUNINIT, HuddleGroupCreate, NULL, "{\"create_group_param_group_name\":\"x\"}");
    REFUSED(HUDDLE_ERR_SDKUNINIT, HuddleLogin, NULL, "alice", NULL);
    CHECK_INT(HuddlePoll(NULL, 1), HUDDLE_ERR_SDKUNINIT);
    CHECK_INT(HuddleGetLoginStatus(NULL), HUDDLE_ERR_SDKUNINIT);
    CHECK_INT(HuddleGetLoginUserID(NULL, buf, sizeof buf), HUDDLE_ERR_SDKUNINIT);
    CHECK_INT(HuddleUninit(NULL), HUDDLE_ERR_SDKUNINIT);
    HuddleSetGroupTipsEventCallback(NULL, on_tip, NULL);
    HuddleSetWakeCallback(NULL, on_wake, NULL);

    /* Init. */
    CHECK_INT(HuddleInit(POLL, NULL), HUDDLE_ERR_PARAM);
    CHECK_INT(HuddleInit("{\"callback_mode\":\"sometimes\"}", &anon), HUDDLE_ERR_PARAM);
    CHECK_INT(HuddleInit("{\"callback_mode\":", &anon), HUDDLE_ERR_JSON);
    CHECK_INT(HuddleInit("{\"sdk_config_admin_user_ids\":\"root\"}", &anon), HUDDLE_ERR_PARAM);
    CHECK(anon == NULL);

    /* Not logged in. */
    CHECK_INT(HuddleInit(cfg(POLL), &anon), HUDDLE_SUCC);
    CHECK_INT(HuddleGetLoginStatus(anon), HUDDLE_STATUS_LOGGED_OUT);
    CHECK_INT(HuddleGetLoginUserID(anon, buf, sizeof buf), HUDDLE_ERR_NOTLOGIN);
    REFUSED(HUDDLE_ERR_NOTLOGIN, HuddleGroupCreate, anon, "{\"create_group_param_group_name\":\"x\"}");
    REFUSED(HUDDLE_ERR_NOTLOGIN, HuddleGroupJoin, anon, "g", NULL);
    REFUSED(HUDDLE_ERR_PARAM, HuddleLogin, anon, NULL, NULL);
    REFUSED(HUDDLE_ERR_JSON, HuddleLogin, anon, "\xc3\x28", NULL);
    CHECK_INT(HuddleUninit(anon), HUDDLE_SUCC);
    CHECK_INT(HuddleUninit(anon), HUDDLE_ERR_SDKUNINIT);
    REFUSED(HUDDLE_ERR_SDKUNINIT, HuddleGroupGetJoinedGroupList, anon);
    CHECK_INT(HuddlePoll(anon, 1), HUDDLE_ERR_SDKUNINIT);

    /* Arguments. */
    REFUSED(HUDDLE_ERR_PARAM, HuddleGroupCreate, alice->h, NULL);
    REFUSED(HUDDLE_ERR_PARAM, HuddleGroupJoin, alice->h, NULL, NULL);
    REFUSED(HUDDLE_ERR_JSON, HuddleGroupCreate, alice->h, "{\"create_group_param_group_name\":");
    REFUSED(HUDDLE_ERR_JSON, HuddleGroupCreate, alice->h, "not json");
    REFUSED(HUDDLE_ERR_JSON, HuddleGroupCreate, alice->h, "{\"create_group_param_group_name\":\"\xff\xfe\"}");
    REFUSED(HUDDLE_ERR_JSON, HuddleGroupJoin, alice->h, "\xc3\x28", NULL);
    REFUSED(HUDDLE_ERR_JSON, HuddleGroupJoin, alice->h, "group", "\xe2\x82");
    REFUSED(HUDDLE_ERR_PARAM, HuddleGroupCreate, alice->h, "{\"create_group_param_group_name\":5}");
    REFUSED(HUDDLE_ERR_PARAM, HuddleGroupCreate, alice->h,
            "{\"create_group_param_group_name\":\"x\",\"create_group_param_group_type\":\"Public\"}");
    REFUSED(HUDDLE_ERR_PARAM, HuddleGroupCreate, alice->h,
            "{\"create_group_param_group_name\":\"x\",\"create_group_param_group_type\":3}");
    REFUSED(HUDDLE_ERR_PARAM, HuddleGroupInviteMember, alice->h, "{\"group_invite_member_param_group_id\":\"g\"}");
    REFUSED(HUDDLE_ERR_PARAM, HuddleGroupInviteMember, alice->h,
            "{\"group_invite_member_param_group_id\":\"g\",\"group_invite_member_param_identifier_array\":\"bob\"}");
    REFUSED(HUDDLE_ERR_PARAM, HuddleGroupGetGroupInfoList, alice->h, "{\"ids\":[]}");
    /* An array where an object belongs: refused, not read by position. */
    REFUSED(HUDDLE_ERR_PARAM, HuddleGroupCreate, alice->h, "[\"pos-id\",\"Positional\"]");
    r = ASYNC(0, HuddleGroupGetGroupInfoList, alice->h, "[\"pos-id\"]");
    CHECK_FIELD(r->json, "get_groups_info_result_code", J("%d", HUDDLE_CODE_GROUP_NOT_FOUND));

    /* Async refusals. */
    ASYNC(HUDDLE_CODE_GROUP_NOT_FOUND, HuddleGroupJoin, alice->h, "no-such-group", NULL);
    ASYNC(HUDDLE_CODE_GROUP_NOT_FOUND, HuddleGroupDelete, alice->h, "no-such-group");
    ASYNC(HUDDLE_CODE_INVALID_GROUP_ID, HuddleGroupJoin, alice->h, "", NULL);
    ASYNC(HUDDLE_CODE_NAME_TOO_LONG, HuddleGroupCreate, alice->h,
          J("{\"create_group_param_group_name\":\"%s\"}", long_name));
    ASYNC(HUDDLE_CODE_NAME_TOO_LONG, HuddleGroupCreate, alice->h, "{\"create_group_param_group_name\":\"\"}");
    ASYNC(HUDDLE_CODE_INVALID_GROUP_ID_FORMAT, HuddleGroupCreate, alice->h,
          "{\"create_group_param_group_name\":\"x\",\"create_group_param_group_id\":\"@TGS#mine\"}");
    ASYNC(HUDDLE_CODE_INVALID_PARAMETERS, HuddleLogin, alice->h, "mallory", NULL);
    CHECK_INT(HuddleGetLoginStatus(alice->h), HUDDLE_STATUS_LOGGED_IN);

    /* The login user ID: exactly "alice" + NUL fits; one byte less writes nothing. */
    memset(buf, 'x', sizeof buf);
    CHECK_INT(HuddleGetLoginUserID(alice->h, buf, 5), HUDDLE_ERR_PARAM);
    CHECK(buf[0] == 'x' && buf[4] == 'x');
    CHECK_INT(HuddleGetLoginUserID(alice->h, NULL, sizeof buf), HUDDLE_ERR_PARAM);
    CHECK_INT(HuddleGetLoginUserID(alice->h, buf, 6), HUDDLE_SUCC);
    CHECK_STR(buf, "alice");

    /* A NULL callback is allowed and the work still happens. */
    CHECK_INT(HuddleGroupCreate(alice->h, "{\"create_group_param_group_name\":\"Silent\"}", NULL, NULL), HUDDLE_SUCC);
    EXPECT_TIPS(alice, "12");

    /* The wake callback says work is pending before anyone polls (over
     * the network, once the reply has come). */
    HuddleSetWakeCallback(alice->h, on_wake, NULL);
    CHECK_INT(HuddleGroupGetJoinedGroupList(alice->h, NULL, NULL), HUDDLE_SUCC);
    pthread_mutex_lock(&mu);
    for (int slice = 0; wakes < 1 && slice < WAIT_SLICES; slice++) {
        struct timespec t;
        clock_gettime(CLOCK_REALTIME, &t);
        t.tv_sec += 1;
        pthread_cond_timedwait(&cv, &mu, &t);
    }
    CHECK(wakes >= 1);
    pthread_mutex_unlock(&mu);
    CHECK_INT(HuddlePoll(alice->h, 100), 1);
    HuddleSetWakeCallback(alice->h, NULL, NULL);

    /* The embedded engine is connected, said once, as a callback. */
    Network net = {0, -1};
    HuddleSetNetworkStatusListenerCallback(alice->h, on_network, &net);
    CHECK_INT(net.calls, 0);
    pump();
    CHECK_INT(net.calls, 1);
    CHECK_INT(net.status, 0);
    HuddleSetNetworkStatusListenerCallback(alice->h, NULL, NULL);

    end_scenario((User *[]){alice, NULL});
}

/* Thread mode: callbacks and tips arrive on the dispatcher threads, in order. */
static void scenario_thread_mode(void) {
    User *alice = open_user("alice", THREAD);
    User *bob = open_user("bob", "{}");
    char gid[64];
    Reply *r;

    r = ASYNC(0, HuddleGroupCreate, alice->h,
              "{\"create_group_param_group_name\":\"Lobby\",\"create_group_param_group_type\":2}");
    CHECK(!r->on_main);
    CHECK(string_field(r->json, "create_group_result_groupid", gid, sizeof gid));
    CHECK_INT(HuddlePoll(alice->h, 10), 0);
    r = ASYNC(0, HuddleGroupJoin, bob->h, gid, NULL);
    CHECK(!r->on_main);
    CHECK_FIELD(r->json, "group_join_result_status", "0");
    EXPECT_TIPS(alice, "12,1");
    EXPECT_TIPS(bob, "1");
    CHECK_FIELD(last_tip(bob), "group_tips_elem_join_type", "1");
    ASYNC(0, HuddleGroupQuit, bob->h, gid);
    ASYNC(0, HuddleGroupDelete, alice->h, gid);
    EXPECT_TIPS(alice, "12,1,2,13");
    EXPECT_TIPS(bob, "1,2");
    CHECK_INT(alice->tips_on_main + bob->tips_on_main, 0);

    end_scenario((User *[]){alice, bob, NULL});
}

/* A chain of calls, each made from inside the previous one's callback. */
typedef struct {
    HuddleClient *h;
    Reply *last;
    int nested_poll;
    int info_sync;
    int delete_sync;
} Chain;

static void chain_info(int32_t code, const char *desc, const char *json, const void *user_data) {
    Chain *c = (Chain *)user_data;
    char gid[64] = "";
    (void)desc;
    CHECK_INT(code, 0);
    CHECK(string_field(json, "group_detail_info_group_id", gid, sizeof gid));
    c->delete_sync = HuddleGroupDelete(c->h, gid, on_reply, c->last);
}

static void chain_created(int32_t code, const char *desc, const char *json, const void *user_data) {
    Chain *c = (Chain *)user_data;
    char gid[64] = "", ids[80];
    (void)desc;
    CHECK_INT(code, 0);
    CHECK(string_field(json, "create_group_result_groupid", gid, sizeof gid));
    c->nested_poll = HuddlePoll(c->h, 16);
    snprintf(ids, sizeof ids, "[\"%s\"]", gid);
    c->info_sync = HuddleGroupGetGroupInfoList(c->h, ids, chain_info, c);
}

static void reentrancy(const char *config) {
    User *alice = open_user("alice", config);
    Chain chain = {alice->h, new_reply(), -1, -1, -1};
    chain.last->expect_calls = 1;
    CHECK_INT(HuddleGroupCreate(alice->h, "{\"create_group_param_group_name\":\"Nested\"}", chain_created, &chain),
              HUDDLE_SUCC);
    CHECK(wait_for(reply_came, chain.last));
    CHECK_INT(chain.nested_poll, 0);
    CHECK_INT(chain.info_sync, HUDDLE_SUCC);
    CHECK_INT(chain.delete_sync, HUDDLE_SUCC);
    CHECK_INT(chain.last->code, 0);
    EXPECT_TIPS(alice, "12,13");
    end_scenario((User *[]){alice, NULL});
}

static void scenario_reentrancy(void) {
    reentrancy(POLL);
    reentrancy(THREAD);
}

/* Counts callbacks; a result other than the real one or 6013 is an error. */
typedef struct {
    int calls;
    int bad_codes;
} Tally;

static void on_tally(int32_t code, const char *desc, const char *json, const void *user_data) {
    Tally *t = (Tally *)user_data;
    (void)desc;
    (void)json;
    pthread_mutex_lock(&mu);
    t->calls++;
    if (code != 0 && code != HUDDLE_CODE_SDK_NOT_INITIALIZED) t->bad_codes++;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
}

static int tally_calls(Tally *t) {
    pthread_mutex_lock(&mu);
    int n = t->calls;
    pthread_mutex_unlock(&mu);
    return n;
}

/* Uninit with callbacks still owed: each runs once before it returns, none after. */
static void uninit_in_flight(const char *config, int n) {
    User *u = open_user("dora", config);
    HuddleClient *h = u->h;
    Tally t = {0, 0};
    for (int i = 0; i < n; i++) CHECK_INT(HuddleGroupGetJoinedGroupList(h, on_tally, &t), HUDDLE_SUCC);
    close_user(u, HUDDLE_SUCC);
    CHECK_INT(tally_calls(&t), n);
    CHECK_INT(t.bad_codes, 0);
    nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
    CHECK_INT(tally_calls(&t), n);
    CHECK_INT(HuddleGroupGetJoinedGroupList(h, on_tally, &t), HUDDLE_ERR_SDKUNINIT);
    CHECK_INT(HuddlePoll(h, 1), HUDDLE_ERR_SDKUNINIT);
    CHECK_INT(tally_calls(&t), n);
}

typedef struct {
    HuddleClient *h;
    int uninit_result;
    Tally tally;
} SelfUninit;

static void on_uninit_self(int32_t code, const char *desc, const char *json, const void *user_data) {
    SelfUninit *s = (SelfUninit *)user_data;
    int rc = HuddleUninit(s->h);
    pthread_mutex_lock(&mu);
    s->uninit_result = rc;
    pthread_mutex_unlock(&mu);
    on_tally(code, desc, json, &s->tally);
}

static bool self_uninit_done(const void *arg) {
    return ((const SelfUninit *)arg)->tally.calls > 0;
}

/* Uninit from inside the client's own callback: the calls accepted after it
 * still get their one callback. */
static void uninit_inside_callback(const char *config) {
    User *u = open_user("erin", config);
    SelfUninit s = {u->h, -99, {0, 0}};
    Tally t = {0, 0};
    int accepted = 0;
    CHECK_INT(HuddleGroupGetJoinedGroupList(u->h, on_uninit_self, &s), HUDDLE_SUCC);
    for (int i = 0; i < 5; i++) accepted += HuddleGroupGetJoinedGroupList(u->h, on_tally, &t) == HUDDLE_SUCC;
    CHECK(wait_for(self_uninit_done, &s));
    CHECK_INT(s.uninit_result, HUDDLE_SUCC);
    CHECK_INT(s.tally.bad_codes, 0);
    CHECK_INT(tally_calls(&t), accepted);
    CHECK_INT(t.bad_codes, 0);
    close_user(u, HUDDLE_ERR_SDKUNINIT);
}

static void scenario_uninit(void) {
    uninit_in_flight(POLL, 20);
    uninit_in_flight(THREAD, 50);
    uninit_inside_callback(POLL);
    uninit_inside_callback(THREAD);
    settle_replies();
}

#define ADMIN_POLL "{\"callback_mode\":\"poll\",\"sdk_config_admin_user_ids\":[\"root\"]}"

/* The params of a member list read: `users` a JSON array, `role_flag` and `next_seq`. */
static const char *members_query(const char *gid, const char *users, int role_flag, const char *next_seq) {
    return J("{\"group_get_members_info_list_param_group_id\":\"%s\","
             "\"group_get_members_info_list_param_identifier_array\":%s,"
             "\"group_get_members_info_list_param_option\":{\"group_member_get_info_option_role_flag\":%d},"
             "\"group_get_members_info_list_param_next_seq\":%s}",
             gid, users, role_flag, next_seq);
}

/* A member change of `flag` with one more key-value pair (`extra`, JSON text). */
static const char *member_change(const char *gid, const char *user, int flag, const char *extra) {
    return J("{\"group_modify_member_info_group_id\":\"%s\",\"group_modify_member_info_identifier\":\"%s\","
             "\"group_modify_member_info_modify_flag\":%d,%s}",
             gid, user, flag, extra);
}

/* An owner transfer; the name is there for the call that also sets bit 0x1. */
static const char *transfer(const char *gid, const char *flag, const char *owner) {
    return J("{\"group_modify_info_param_group_id\":\"%s\",\"group_modify_info_param_modify_flag\":%s,"
             "\"group_modify_info_param_owner\":\"%s\",\"group_modify_info_param_group_name\":\"x\"}",
             gid, flag, owner);
}

/* The params of invite, kick and allowlist calls: `{"<prefix>_group_id",
 * "<prefix>_identifier_array": users, "<prefix>_<key>": value}`. */
static const char *group_users(const char *prefix, const char *gid, const char *users, const char *key,
                               const char *value) {
    return J("{\"%s_group_id\":\"%s\",\"%s_identifier_array\":%s,\"%s_%s\":%s}", prefix, gid, prefix, users, prefix,
             key, value);
}

static const char *allowlist(const char *gid, const char *users, const char *is_add) {
    return group_users("group_mute_allowlist_param", gid, users, "is_add", is_add);
}

static const char *invite(const char *gid, const char *users) {
    return group_users("group_invite_member_param", gid, users, "user_data", "\"\"");
}

static const char *kick(const char *gid, const char *users, const char *duration) {
    return group_users("group_delete_member_param", gid, users, "duration", duration);
}

/* Group profiles: custom IDs, reads by anyone, and each modify flag. */
static void scenario_profile(void) {
    User *alice = open_user("alice", POLL);
    User *bob = open_user("bob", POLL);
    const char *create = "{\"create_group_param_group_name\":\"Guild\",\"create_group_param_group_id\":\"guild-1\","
                         "\"create_group_param_introduction\":\"We raid\","
                         "\"create_group_param_notification\":\"Friday 8pm\",\"create_group_param_add_option\":2,"
                         "\"create_group_param_custom_info\":[{\"group_info_custom_string_info_key\":\"tier\","
                         "\"group_info_custom_string_info_value\":\"gold\"}]}";
    char gid[64], notification[320];
    Reply *r;
    memset(notification, 'n', 301);
    notification[301] = '\0';

    create_group(alice, create, gid);
    CHECK_STR(gid, "guild-1");
    ASYNC(HUDDLE_CODE_GROUP_ID_IN_USE, HuddleGroupCreate, alice->h, create);
    r = ASYNC(0, HuddleGroupGetGroupInfoList, bob->h, "[\"guild-1\",\"no-such-group\",\"\"]");
    CHECK_FIELD(r->json, "group_detail_info_group_name", "\"Guild\"");
    CHECK_FIELD(r->json, "group_detail_info_introduction", "\"We raid\"");
    CHECK_FIELD(r->json, "group_detail_info_notification", "\"Friday 8pm\"");
    CHECK_FIELD(r->json, "group_detail_info_add_option", "2");
    CHECK_FIELD(r->json, "group_detail_info_info_seq", "1");
    CHECK_FIELD(r->json, "group_detail_info_custom_info",
                "[{\"group_info_custom_string_info_key\":\"tier\",\"group_info_custom_string_info_value\":\"gold\"}]");
    CHECK_INT(count(r->json, J("\"get_groups_info_result_code\":%d", HUDDLE_CODE_GROUP_NOT_FOUND)), 1);
    CHECK_INT(count(r->json, J("\"get_groups_info_result_code\":%d", HUDDLE_CODE_INVALID_GROUP_ID)), 1);

    r = ASYNC(0, HuddleGroupJoin, bob->h, gid, NULL);
    CHECK_FIELD(r->json, "group_join_result_status", "0");
    /* The tip names its operator with their profile and member record. */
    ASYNC(0, HuddleProfileModifySelfUserProfile, alice->h, "{\"user_profile_item_nick_name\":\"Ally\"}");
    ASYNC(0, HuddleGroupModifyGroupInfo, alice->h,
          "{\"group_modify_info_param_group_id\":\"guild-1\",\"group_modify_info_param_modify_flag\":7,"
          "\"group_modify_info_param_group_name\":\"Guild II\",\"group_modify_info_param_notification\":\"Sat\","
          "\"group_modify_info_param_introduction\":\"We raid more\"}");
    EXPECT_TIPS(alice, "12,1,6");
    EXPECT_TIPS(bob, "1,6");
    CHECK_FIELD(last_tip(bob), "group_tips_elem_group_name", "\"Guild II\"");
    CHECK_FIELD(last_tip(bob), "group_tips_elem_op_user", "\"alice\"");
    CHECK_FIELD(last_tip(bob), "group_tips_elem_op_user_info",
                "{\"user_profile_identifier\":\"alice\",\"user_profile_nick_name\":\"Ally\",\"user_profile_face_url\":\"\"}");
    CHECK_FIELD(last_tip(bob), "group_tips_elem_op_group_memberinfo",
                "{\"group_member_info_identifier\":\"alice\",\"group_member_info_name_card\":\"\","
                "\"group_member_info_member_role\":400}");
    CHECK_INT(count(last_tip(bob), "\"group_tips_group_change_info_flag\""), 3);
    CHECK_INT(count(last_tip(bob), "\"group_tips_group_change_info_flag\":1,\"group_tips_group_change_info_value\":"
                                   "\"Guild II\""),
              1);
    r = ASYNC(0, HuddleGroupGetGroupInfoList, bob->h, "[\"guild-1\"]");
    CHECK_FIELD(r->json, "group_detail_info_group_name", "\"Guild II\"");
    CHECK_FIELD(r->json, "group_detail_info_notification", "\"Sat\"");
    CHECK_FIELD(r->json, "group_detail_info_info_seq", "2");

    ASYNC(HUDDLE_CODE_PERMISSION_DENIED, HuddleGroupModifyGroupInfo, bob->h,
          "{\"group_modify_info_param_group_id\":\"guild-1\",\"group_modify_info_param_modify_flag\":1,"
          "\"group_modify_info_param_group_name\":\"Bob's\"}");
    ASYNC(HUDDLE_CODE_NOTIFICATION_TOO_LONG, HuddleGroupModifyGroupInfo, alice->h,
          J("{\"group_modify_info_param_group_id\":\"guild-1\",\"group_modify_info_param_modify_flag\":2,"
            "\"group_modify_info_param_notification\":\"%s\"}",
            notification));
    ASYNC(HUDDLE_CODE_INVALID_REQUEST, HuddleGroupModifyGroupInfo, alice->h,
          "{\"group_modify_info_param_group_id\":\"guild-1\",\"group_modify_info_param_modify_flag\":0}");
    /* The flag names the name, which is missing: the JSON lacks a key. */
    REFUSED(HUDDLE_ERR_PARAM, HuddleGroupModifyGroupInfo, alice->h,
            "{\"group_modify_info_param_group_id\":\"guild-1\",\"group_modify_info_param_modify_flag\":1}");
    ASYNC(HUDDLE_CODE_GROUP_NOT_FOUND, HuddleGroupModifyGroupInfo, alice->h,
          "{\"group_modify_info_param_group_id\":\"no-such-group\",\"group_modify_info_param_modify_flag\":1,"
          "\"group_modify_info_param_group_name\":\"x\"}");

    ASYNC(0, HuddleGroupModifyGroupInfo, alice->h,
          "{\"group_modify_info_param_group_id\":\"guild-1\",\"group_modify_info_param_modify_flag\":784,"
          "\"group_modify_info_param_add_option\":1,\"group_modify_info_param_is_shutup_all\":true,"
          "\"group_modify_info_param_custom_info\":[{\"group_info_custom_string_info_key\":\"tier\","
          "\"group_info_custom_string_info_value\":\"platinum\"}]}");
    EXPECT_TIPS(bob, "1,6,6");
    CHECK_INT(count(last_tip(bob), "\"group_tips_group_change_info_flag\":11,"), 1);
    CHECK_INT(count(last_tip(bob), "\"group_tips_group_change_info_bool_value\":true"), 1);
    CHECK_INT(count(last_tip(bob), "\"group_tips_group_change_info_key\":\"tier\""), 1);
    r = ASYNC(0, HuddleGroupGetGroupInfoList, alice->h, "[\"guild-1\"]");
    CHECK_FIELD(r->json, "group_detail_info_add_option", "1");
    CHECK_FIELD(r->json, "group_detail_info_is_shutup_all", "true");
    CHECK_INT(count(r->json, "\"platinum\""), 1);

    ASYNC(0, HuddleGroupDelete, alice->h, gid);
    EXPECT_TIPS(alice, "12,1,6,6,13");
    EXPECT_TIPS(bob, "1,6,6,13");
    end_scenario((User *[]){alice, bob, NULL});
}

/* Member lists in pages and by role, roles, mute, name cards, message flags. */
static void scenario_members(void) {
    User *alice = open_user("alice", POLL);
    User *bob = open_user("bob", POLL);
    User *carol = open_user("carol", POLL);
    User *dave = open_user("dave", POLL);
    char gid[64], next_seq[32], shutup[32], params[16384];
    Reply *r;

    /* 150 extra members, so that all of them take two pages of 100. */
    int at = snprintf(params, sizeof params,
                      "{\"create_group_param_group_name\":\"Crowd\",\"create_group_param_group_member_array\":["
                      "{\"group_member_info_identifier\":\"bob\"},{\"group_member_info_identifier\":\"carol\"}");
    for (int i = 0; i < 150; i++)
        at += snprintf(params + at, sizeof params - (size_t)at, ",{\"group_member_info_identifier\":\"u%03d\"}", i);
    snprintf(params + at, sizeof params - (size_t)at, "]}");
    create_group(alice, params, gid);
    EXPECT_TIPS(alice, "12");
    EXPECT_TIPS(bob, "12");
    CHECK_FIELD(last_tip(bob), "group_tips_elem_member_num", "153");

    r = ASYNC(0, HuddleGroupGetMemberInfoList, bob->h, members_query(gid, "[]", 0, "0"));
    CHECK_INT(count(r->json, "\"group_member_info_identifier\""), 100);
    CHECK(field(r->json, "group_get_member_info_list_result_next_seq", next_seq, sizeof next_seq));
    CHECK(strcmp(next_seq, "0") != 0);
    r = ASYNC(0, HuddleGroupGetMemberInfoList, bob->h, members_query(gid, "[]", 0, next_seq));
    CHECK_INT(count(r->json, "\"group_member_info_identifier\""), 53);
    CHECK_FIELD(r->json, "group_get_member_info_list_result_next_seq", "0");
    CHECK_INT(count(r->json, "\"u149\""), 1);
    r = ASYNC(0, HuddleGroupGetMemberInfoList, bob->h, members_query(gid, "[]", 1, "0"));
    CHECK_INT(count(r->json, "\"group_member_info_identifier\""), 1);
    CHECK_FIELD(r->json, "group_member_info_identifier", "\"alice\"");
    CHECK_FIELD(r->json, "group_member_info_member_role", "400");
    r = ASYNC(0, HuddleGroupGetMemberInfoList, bob->h, members_query(gid, "[\"carol\",\"nobody\"]", 0, "0"));
    CHECK_INT(count(r->json, "\"group_member_info_identifier\""), 1);
    CHECK_FIELD(r->json, "group_member_info_identifier", "\"carol\"");
    CHECK_FIELD(r->json, "group_member_info_member_role", "200");
    ASYNC(HUDDLE_CODE_PERMISSION_DENIED, HuddleGroupGetMemberInfoList, dave->h, members_query(gid, "[]", 0, "0"));

    /* Roles: only the owner sets and cancels admins. */
    ASYNC(0, HuddleGroupModifyMemberInfo, alice->h, member_change(gid, "bob", 2, "\"group_modify_member_info_member_role\":300"));
    EXPECT_TIPS(carol, "12,4");
    CHECK_FIELD(last_tip(carol), "group_tips_elem_user_array", "[\"bob\"]");
    r = ASYNC(0, HuddleGroupGetMemberInfoList, carol->h, members_query(gid, "[]", 2, "0"));
    CHECK_INT(count(r->json, "\"group_member_info_identifier\""), 1);
    CHECK_FIELD(r->json, "group_member_info_identifier", "\"bob\"");
    ASYNC(HUDDLE_CODE_PERMISSION_DENIED, HuddleGroupModifyMemberInfo, bob->h,
          member_change(gid, "carol", 2, "\"group_modify_member_info_member_role\":300"));

    /* Mute: an admin over a member, never the other way. */
    ASYNC(0, HuddleGroupModifyMemberInfo, bob->h, member_change(gid, "carol", 4, "\"group_modify_member_info_shutup_time\":60"));
    EXPECT_TIPS(carol, "12,4,7");
    CHECK_FIELD(last_tip(carol), "group_tips_elem_op_user", "\"bob\"");
    CHECK_FIELD(last_tip(carol), "group_tips_member_change_info_identifier", "\"carol\"");
    CHECK_FIELD(last_tip(carol), "group_tips_member_change_info_shutupTime", "60");
    r = ASYNC(0, HuddleGroupGetMemberInfoList, carol->h, members_query(gid, "[\"carol\"]", 0, "0"));
    CHECK(field(r->json, "group_member_info_shutup_time", shutup, sizeof shutup));
    CHECK(atoi(shutup) > 0 && atoi(shutup) <= 60);
    ASYNC(HUDDLE_CODE_PERMISSION_DENIED, HuddleGroupModifyMemberInfo, carol->h,
          member_change(gid, "bob", 4, "\"group_modify_member_info_shutup_time\":60"));
    ASYNC(0, HuddleGroupModifyMemberInfo, alice->h, member_change(gid, "carol", 4, "\"group_modify_member_info_shutup_time\":0"));
    EXPECT_TIPS(carol, "12,4,7,7");
    CHECK_FIELD(last_tip(carol), "group_tips_member_change_info_shutupTime", "0");

    /* Name cards: one's own, or as a manager; 50 bytes at most. */
    ASYNC(0, HuddleGroupModifyMemberInfo, carol->h, member_change(gid, "carol", 8, "\"group_modify_member_info_name_card\":\"Caz\""));
    EXPECT_TIPS(carol, "12,4,7,7,7");
    ASYNC(HUDDLE_CODE_PERMISSION_DENIED, HuddleGroupModifyMemberInfo, carol->h,
          member_change(gid, "bob", 8, "\"group_modify_member_info_name_card\":\"Bobby\""));
    ASYNC(HUDDLE_CODE_NAME_CARD_TOO_LONG, HuddleGroupModifyMemberInfo, carol->h,
          member_change(gid, "carol", 8, "\"group_modify_member_info_name_card\":\"123456789012345678901234567890123456789012345678901\""));
    r = ASYNC(0, HuddleGroupGetMemberInfoList, alice->h, members_query(gid, "[\"carol\"]", 0, "0"));
    CHECK_FIELD(r->json, "group_member_info_name_card", "\"Caz\"");

    /* Message flag: oneself only, and no tip. */
    ASYNC(0, HuddleGroupModifyMemberInfo, carol->h, member_change(gid, "carol", 1, "\"group_modify_member_info_msg_flag\":2"));
    ASYNC(HUDDLE_CODE_PERMISSION_DENIED, HuddleGroupModifyMemberInfo, alice->h,
          member_change(gid, "carol", 1, "\"group_modify_member_info_msg_flag\":2"));
    r = ASYNC(0, HuddleGroupGetJoinedGroupList, carol->h);
    CHECK_FIELD(r->json, "group_self_info_msg_flag", "2");

    ASYNC(0, HuddleGroupModifyMemberInfo, alice->h, member_change(gid, "bob", 2, "\"group_modify_member_info_member_role\":200"));
    EXPECT_TIPS(alice, "12,4,7,7,7,5");
    EXPECT_TIPS(bob, "12,4,7,7,7,5");
    EXPECT_TIPS(carol, "12,4,7,7,7,5");
    EXPECT_TIPS(dave, "");

    ASYNC(0, HuddleGroupDelete, alice->h, gid);
    end_scenario((User *[]){alice, bob, carol, dave, NULL});
}

/* Owner transfer: the owner alone, to a member, in a call of its own. */
static void scenario_owner_transfer(void) {
    User *alice = open_user("alice", POLL);
    User *bob = open_user("bob", POLL);
    char gid[64], room[64];
    Reply *r;

    create_group(alice, "{\"create_group_param_group_name\":\"Throne\",\"create_group_param_group_member_array\":"
                        "[{\"group_member_info_identifier\":\"bob\"}]}",
                 gid);
    ASYNC(HUDDLE_CODE_INVALID_REQUEST, HuddleGroupModifyGroupInfo, alice->h, transfer(gid, "2147483648", "zed"));
    ASYNC(HUDDLE_CODE_INVALID_REQUEST, HuddleGroupModifyGroupInfo, alice->h, transfer(gid, "2147483649", "bob"));
    ASYNC(HUDDLE_CODE_PERMISSION_DENIED, HuddleGroupModifyGroupInfo, bob->h, transfer(gid, "2147483648", "bob"));
    ASYNC(0, HuddleGroupModifyGroupInfo, alice->h, transfer(gid, "2147483648", "bob"));
    EXPECT_TIPS(bob, "12,6");
    CHECK_INT(count(last_tip(bob), "\"group_tips_group_change_info_flag\":5,\"group_tips_group_change_info_value\":\"bob\""), 1);
    r = ASYNC(0, HuddleGroupGetGroupInfoList, alice->h, J("[\"%s\"]", gid));
    CHECK_FIELD(r->json, "group_detail_info_owner_identifier", "\"bob\"");
    r = ASYNC(0, HuddleGroupGetMemberInfoList, alice->h, members_query(gid, "[\"alice\"]", 0, "0"));
    CHECK_FIELD(r->json, "group_member_info_member_role", "200");
    ASYNC(HUDDLE_CODE_OWNER_MAY_NOT_QUIT, HuddleGroupQuit, bob->h, gid);
    ASYNC(HUDDLE_CODE_PERMISSION_DENIED, HuddleGroupDelete, alice->h, gid);
    /* Tencent's examples write the owner bit as a negative int32. */
    ASYNC(0, HuddleGroupModifyGroupInfo, bob->h, transfer(gid, "-2147483648", "alice"));
    r = ASYNC(0, HuddleGroupGetMemberInfoList, alice->h, members_query(gid, "[]", 1, "0"));
    CHECK_FIELD(r->json, "group_member_info_identifier", "\"alice\"");
    EXPECT_TIPS(alice, "12,6,6");

    create_group(alice, "{\"create_group_param_group_name\":\"Stage\",\"create_group_param_group_type\":4}", room);
    ASYNC(0, HuddleGroupJoin, bob->h, room, NULL);
    ASYNC(HUDDLE_CODE_PERMISSION_DENIED, HuddleGroupModifyGroupInfo, alice->h, transfer(room, "2147483648", "bob"));
    EXPECT_TIPS(alice, "12,6,6,12,1");

    ASYNC(0, HuddleGroupDelete, alice->h, gid);
    ASYNC(0, HuddleGroupDelete, alice->h, room);
    end_scenario((User *[]){alice, bob, NULL});
}

/* The mute allowlist: managed by owner and admins, read by members. */
static void scenario_mute_allowlist(void) {
    User *alice = open_user("alice", POLL);
    User *bob = open_user("bob", POLL);
    User *dave = open_user("dave", POLL);
    char gid[64];
    Reply *r;

    create_group(alice, "{\"create_group_param_group_name\":\"Quiet\",\"create_group_param_group_member_array\":"
                        "[{\"group_member_info_identifier\":\"bob\"}]}",
                 gid);
    ASYNC(0, HuddleGroupModifyGroupInfo, alice->h,
          J("{\"group_modify_info_param_group_id\":\"%s\",\"group_modify_info_param_modify_flag\":256,"
            "\"group_modify_info_param_is_shutup_all\":true}",
            gid));
    ASYNC(0, HuddleGroupModifyMuteAllowlist, alice->h, allowlist(gid, "[\"bob\"]", "true"));
    EXPECT_TIPS(bob, "12,6,16");
    CHECK_FIELD(last_tip(bob), "group_tips_elem_user_array", "[\"bob\"]");
    CHECK_FIELD(last_tip(bob), "group_tips_elem_op_user", "\"alice\"");
    r = ASYNC(0, HuddleGroupGetMuteAllowlist, bob->h, gid);
    CHECK_STR(r->json, "[\"bob\"]");
    ASYNC(HUDDLE_CODE_PERMISSION_DENIED, HuddleGroupModifyMuteAllowlist, bob->h, allowlist(gid, "[\"bob\"]", "false"));
    ASYNC(HUDDLE_CODE_PERMISSION_DENIED, HuddleGroupGetMuteAllowlist, dave->h, gid);
    ASYNC(HUDDLE_CODE_INVALID_REQUEST, HuddleGroupModifyMuteAllowlist, alice->h, allowlist(gid, "[]", "true"));
    REFUSED(HUDDLE_ERR_PARAM, HuddleGroupModifyMuteAllowlist, alice->h, allowlist(gid, "[\"bob\"]", "1"));
    ASYNC(0, HuddleGroupModifyMuteAllowlist, alice->h, allowlist(gid, "[\"bob\"]", "false"));
    r = ASYNC(0, HuddleGroupGetMuteAllowlist, alice->h, gid);
    CHECK_STR(r->json, "[]");
    EXPECT_TIPS(alice, "12,6,16,16");
    EXPECT_TIPS(bob, "12,6,16,16");
    EXPECT_TIPS(dave, "");

    ASYNC(0, HuddleGroupDelete, alice->h, gid);
    end_scenario((User *[]){alice, bob, dave, NULL});
}

/* Member limits: a full group refuses joins, approvals and invitations with 10014. */
static void scenario_member_limits(void) {
    User *alice = open_user("alice", POLL);
    User *bob = open_user("bob", POLL);
    User *carol = open_user("carol", POLL);
    User *root = open_user("root", ADMIN_POLL);
    char meeting[64], gid[64];
    Reply *r;

    create_group(alice, "{\"create_group_param_group_name\":\"Pair\",\"create_group_param_group_type\":2,"
                        "\"create_group_param_max_member_num\":2}",
                 meeting);
    ASYNC(0, HuddleGroupJoin, bob->h, meeting, NULL);
    ASYNC(HUDDLE_CODE_GROUP_FULL, HuddleGroupJoin, carol->h, meeting, NULL);
    ASYNC(HUDDLE_CODE_INVALID_REQUEST, HuddleGroupModifyGroupInfo, alice->h,
          J("{\"group_modify_info_param_group_id\":\"%s\",\"group_modify_info_param_modify_flag\":32,"
            "\"group_modify_info_param_max_member_num\":1}",
            meeting));
    ASYNC(HUDDLE_CODE_PERMISSION_DENIED, HuddleGroupModifyGroupInfo, bob->h,
          J("{\"group_modify_info_param_group_id\":\"%s\",\"group_modify_info_param_modify_flag\":32,"
            "\"group_modify_info_param_max_member_num\":3}",
            meeting));
    ASYNC(HUDDLE_CODE_GROUP_FULL, HuddleGroupCreate, alice->h,
          "{\"create_group_param_group_name\":\"Crowded\",\"create_group_param_max_member_num\":2,"
          "\"create_group_param_group_member_array\":[{\"group_member_info_identifier\":\"bob\"},"
          "{\"group_member_info_identifier\":\"carol\"}]}");
    ASYNC(HUDDLE_CODE_INVALID_REQUEST, HuddleGroupCreate, alice->h,
          "{\"create_group_param_group_name\":\"Huge\",\"create_group_param_group_type\":1,"
          "\"create_group_param_max_member_num\":201}");

    /* An approval into a full group. */
    create_group(alice, "{\"create_group_param_group_name\":\"Duo\",\"create_group_param_max_member_num\":2}", gid);
    ASYNC(0, HuddleGroupJoin, bob->h, gid, NULL);
    ASYNC(0, HuddleGroupJoin, carol->h, gid, NULL);
    EXPECT_TIPS(alice, "12,1,12,14,14");
    ASYNC(0, HuddleGroupHandlePendency, alice->h,
          J("{\"group_handle_pendency_param_is_accept\":true,\"group_handle_pendency_param_pendency\":"
            "{\"group_pendency_group_id\":\"%s\",\"group_pendency_form_identifier\":\"bob\"}}",
            gid));
    ASYNC(HUDDLE_CODE_GROUP_FULL, HuddleGroupHandlePendency, alice->h,
          J("{\"group_handle_pendency_param_is_accept\":true,\"group_handle_pendency_param_pendency\":"
            "{\"group_pendency_group_id\":\"%s\",\"group_pendency_form_identifier\":\"carol\"}}",
            gid));

    /* Invitations: Public groups take them from app admins only. */
    ASYNC(HUDDLE_CODE_PERMISSION_DENIED, HuddleGroupInviteMember, alice->h, invite(gid, "[\"carol\"]"));
    ASYNC(HUDDLE_CODE_INVITE_NO_MEMBER, HuddleGroupInviteMember, root->h, invite(gid, "[]"));
    r = ASYNC(HUDDLE_CODE_GROUP_FULL, HuddleGroupInviteMember, root->h, invite(gid, "[\"bob\",\"carol\"]"));
    CHECK_STR(r->json, "[{\"group_invite_member_result_identifier\":\"bob\",\"group_invite_member_result_result\":2},"
                       "{\"group_invite_member_result_identifier\":\"carol\",\"group_invite_member_result_result\":0}]");
    ASYNC(0, HuddleGroupModifyGroupInfo, alice->h,
          J("{\"group_modify_info_param_group_id\":\"%s\",\"group_modify_info_param_modify_flag\":32,"
            "\"group_modify_info_param_max_member_num\":3}",
            gid));
    r = ASYNC(0, HuddleGroupInviteMember, root->h, invite(gid, "[\"carol\"]"));
    CHECK_FIELD(r->json, "group_invite_member_result_result", "1");
    EXPECT_TIPS(carol, "1");
    CHECK_FIELD(last_tip(carol), "group_tips_elem_join_type", "2");
    CHECK_FIELD(last_tip(carol), "group_tips_elem_op_user", "\"root\"");
    CHECK_FIELD(last_tip(carol), "group_tips_elem_member_num", "3");

    ASYNC(0, HuddleGroupDelete, alice->h, meeting);
    ASYNC(0, HuddleGroupDelete, alice->h, gid);
    end_scenario((User *[]){alice, bob, carol, root, NULL});
}

/* Kicks: who may remove whom, the kicked told too, and the rejoin ban. */
static void scenario_kick(void) {
    User *alice = open_user("alice", POLL);
    User *bob = open_user("bob", POLL);
    User *carol = open_user("carol", POLL);
    char gid[64];
    Reply *r;

    create_group(alice, "{\"create_group_param_group_name\":\"Arena\",\"create_group_param_group_type\":2}", gid);
    ASYNC(0, HuddleGroupJoin, bob->h, gid, NULL);
    ASYNC(0, HuddleGroupJoin, carol->h, gid, NULL);
    ASYNC(HUDDLE_CODE_PERMISSION_DENIED, HuddleGroupDeleteMember, carol->h, kick(gid, "[\"bob\"]", "0"));
    ASYNC(0, HuddleGroupModifyMemberInfo, alice->h, member_change(gid, "carol", 2, "\"group_modify_member_info_member_role\":300"));
    ASYNC(HUDDLE_CODE_PERMISSION_DENIED, HuddleGroupDeleteMember, carol->h, kick(gid, "[\"alice\"]", "0"));

    r = ASYNC(0, HuddleGroupDeleteMember, carol->h, kick(gid, "[\"bob\",\"nobody\"]", "3600"));
    CHECK_STR(r->json, "[{\"group_delete_member_result_identifier\":\"bob\",\"group_delete_member_result_result\":1},"
                       "{\"group_delete_member_result_identifier\":\"nobody\",\"group_delete_member_result_result\":0}]");
    EXPECT_TIPS(bob, "1,1,4,3");
    CHECK_FIELD(last_tip(bob), "group_tips_elem_user_array", "[\"bob\"]");
    CHECK_FIELD(last_tip(bob), "group_tips_elem_op_user", "\"carol\"");
    CHECK_FIELD(last_tip(bob), "group_tips_elem_member_num", "2");
    ASYNC(HUDDLE_CODE_PERMISSION_DENIED, HuddleGroupJoin, bob->h, gid, NULL);

    r = ASYNC(0, HuddleGroupDeleteMember, alice->h, kick(gid, "[\"carol\"]", "0"));
    CHECK_FIELD(r->json, "group_delete_member_result_result", "1");
    r = ASYNC(0, HuddleGroupJoin, carol->h, gid, NULL);
    CHECK_FIELD(r->json, "group_join_result_status", "0");
    EXPECT_TIPS(alice, "12,1,1,4,3,3,1");
    EXPECT_TIPS(bob, "1,1,4,3");
    EXPECT_TIPS(carol, "1,4,3,3,1");

    ASYNC(0, HuddleGroupDelete, alice->h, gid);
    end_scenario((User *[]){alice, bob, carol, NULL});
}

/* The app admin's lists: every group of a user, every member of a group. */
static void scenario_admin_lists(void) {
    User *alice = open_user("alice", POLL);
    User *bob = open_user("bob", POLL);
    User *root = open_user("root", ADMIN_POLL);
    char gid[64], room[64], work[64];
    Reply *r;

    create_group(alice, "{\"create_group_param_group_name\":\"Club\",\"create_group_param_group_member_array\":"
                        "[{\"group_member_info_identifier\":\"bob\"}]}",
                 gid);
    create_group(alice, "{\"create_group_param_group_name\":\"Live\",\"create_group_param_group_type\":4}", room);
    ASYNC(0, HuddleGroupJoin, bob->h, room, NULL);

    r = ASYNC(0, HuddleAdminGetUserGroupList, root->h, "bob");
    CHECK_INT(count(r->json, J("\"%s\"", gid)), 1);
    CHECK_INT(count(r->json, J("\"%s\"", room)), 1);
    CHECK_INT(count(r->json, "\""), 4);
    r = ASYNC(0, HuddleGroupGetJoinedGroupList, bob->h);
    CHECK_INT(count(r->json, J("\"%s\"", gid)), 1);
    CHECK_INT(count(r->json, J("\"%s\"", room)), 0);
    r = ASYNC(0, HuddleAdminGetGroupMemberIDList, root->h, gid);
    CHECK_STR(r->json, "[\"alice\",\"bob\"]");
    r = ASYNC(0, HuddleAdminGetGroupMemberIDList, root->h, room);
    CHECK_STR(r->json, "[\"alice\",\"bob\"]");
    r = ASYNC(0, HuddleAdminGetUserGroupList, root->h, "nobody");
    CHECK_STR(r->json, "[]");
    ASYNC(HUDDLE_CODE_PERMISSION_DENIED, HuddleAdminGetUserGroupList, alice->h, "bob");
    ASYNC(HUDDLE_CODE_PERMISSION_DENIED, HuddleAdminGetGroupMemberIDList, alice->h, gid);
    ASYNC(HUDDLE_CODE_GROUP_NOT_FOUND, HuddleAdminGetGroupMemberIDList, root->h, "no-such-group");
    ASYNC(HUDDLE_CODE_PERMISSION_DENIED, HuddleGroupGetMemberInfoList, bob->h, members_query(room, "[]", 0, "0"));
    r = ASYNC(0, HuddleGroupGetMemberInfoList, root->h, members_query(gid, "[]", 0, "0"));
    CHECK_INT(count(r->json, "\"group_member_info_identifier\""), 2);

    /* A Work group is disbanded by an app admin only, member or not. */
    create_group(alice, "{\"create_group_param_group_name\":\"Ops\",\"create_group_param_group_type\":1}", work);
    ASYNC(HUDDLE_CODE_PERMISSION_DENIED, HuddleGroupDelete, alice->h, work);
    ASYNC(0, HuddleGroupDelete, root->h, work);
    EXPECT_TIPS(alice, "12,12,1,12,13");
    EXPECT_TIPS(root, "");

    ASYNC(0, HuddleGroupDelete, alice->h, gid);
    ASYNC(0, HuddleGroupDelete, alice->h, room);
    end_scenario((User *[]){alice, bob, root, NULL});
}

/* A text message sent, and the ID its message_id_buffer got. */
typedef struct {
    char id[128];
    const char *text;
} Sent;

#define MAX_BATCH 4

/* A text message's params; `text` needs no JSON escaping. */
static const char *text_msg(const char *text) {
    return J("{\"message_elem_array\":[{\"elem_type\":0,\"text_elem_content\":\"%s\"}]}", text);
}

/* Names a message for recalls. */
static const char *by_id(const Sent *sent) {
    return J("{\"message_msg_id\":\"%s\"}", sent->id);
}

/* Sends `text`: the ID must be in message_id_buffer when the call returns,
 * and the callback's message must carry it. */
#define SEND(u, conv_id, conv_type, text, sent) send_text((u), (conv_id), (conv_type), (text), (sent), __LINE__)
static void send_text(User *u, const char *conv_id, int32_t conv_type, const char *text, Sent *sent, int line) {
    Reply *slot = new_reply();
    sent->text = text;
    memset(sent->id, 0, sizeof sent->id);
    int32_t sync = HuddleMsgSendMessage(u->h, conv_id, conv_type, text_msg(text), sent->id, on_reply, slot);
    bool filled = sent->id[0] != '\0';
    Reply *r = finish_async(sync, 0, line, "HuddleMsgSendMessage");
    check(filled, line, "%s's message_id_buffer is empty when the send returns", u->name);
    check_field(r->json, "message_msg_id", J("\"%s\"", sent->id), line);
    check_field(r->json, "message_sender", J("\"%s\"", u->name), line);
    check_field(r->json, "message_is_from_self", "true", line);
    check_field(r->json, "message_status", "2", line);
}

/* `to` got exactly the `n` messages `sent` by `from`, each once, in order, in
 * the conversation it calls `conv_id`. */
#define EXPECT_RECEIVED(to, from, conv_id, conv_type, sent, n) \
    expect_received((to), (from), (conv_id), (conv_type), (sent), (n), __LINE__)
static void expect_received(User *to, const User *from, const char *conv_id, int conv_type, const Sent *sent, size_t n,
                            int line) {
    const char *got[MAX_BATCH];
    if (n > MAX_BATCH) {
        fprintf(stderr, "abi_test.c: raise MAX_BATCH\n");
        exit(2);
    }
    if (!take(to, "msg", n, got, line)) return;
    for (size_t i = 0; i < n; i++) {
        check_field(got[i], "message_msg_id", J("\"%s\"", sent[i].id), line);
        check_field(got[i], "text_elem_content", J("\"%s\"", sent[i].text), line);
        check_field(got[i], "message_conv_id", J("\"%s\"", conv_id), line);
        check_field(got[i], "message_conv_type", J("%d", conv_type), line);
        check_field(got[i], "message_sender", J("\"%s\"", from->name), line);
        check_field(got[i], "message_is_from_self", "false", line);
    }
}

/* Each of `users` (NULL-terminated) was told once that `revoker` recalled `sent`. */
#define EXPECT_REVOKED(users, sent, revoker) expect_revoked((users), (sent), (revoker), __LINE__)
static void expect_revoked(User *const users[], const Sent *sent, const User *revoker, int line) {
    for (size_t i = 0; users[i] != NULL; i++) {
        const char *locator;
        if (!take(users[i], "revoke", 1, &locator, line)) continue;
        check_field(locator, "message_locator_msg_id", J("\"%s\"", sent->id), line);
        check_field(locator, "message_locator_is_revoked", "true", line);
        check_field(locator, "message_locator_revoker_user_id", J("\"%s\"", revoker->name), line);
    }
}

/* A conversation list has `conv_id` with `unread` unread messages, the last `last_text`. */
#define EXPECT_CONV(list, conv_id, unread, last_text) expect_conv((list), (conv_id), (unread), (last_text), __LINE__)
static void expect_conv(const char *list, const char *conv_id, int unread, const char *last_text, int line) {
    char conv[8192], last[8192];
    if (!check(find_element(list, J("\"conv_id\":\"%s\"", conv_id), conv, sizeof conv), line,
               "no conversation %s in %s", conv_id, list ? list : "(null)"))
        return;
    check_field(conv, "conv_unread_num", J("%d", unread), line);
    check(field(conv, "conv_last_msg", last, sizeof last), line, "no conv_last_msg in %s", conv);
    check_field(last, "text_elem_content", J("\"%s\"", last_text), line);
}

/* The conv_id of each conversation of `list`, comma-separated. Main thread only. */
static const char *conv_ids(const char *list) {
    static char ids[1024];
    char conv[8192], id[128];
    ids[0] = '\0';
    for (size_t i = 0; element(list, i, conv, sizeof conv); i++) {
        if (!string_field(conv, "conv_id", id, sizeof id)) snprintf(id, sizeof id, "?");
        snprintf(ids + strlen(ids), sizeof ids - strlen(ids), "%s%s", i ? "," : "", id);
    }
    return ids;
}

/* The IDs of u's conversations in conversation group `name` ("": in none). */
static const char *in_conv_group(User *u, const char *name) {
    char list[16384] = "";
    Reply *r = ASYNC(0, HuddleConvGetConversationListByFilter, u->h,
                     J("{\"conversation_list_filter_conversation_group\":\"%s\"}", name));
    CHECK(field(r->json, "conversation_list_result_conv_list", list, sizeof list));
    return conv_ids(list);
}

/* Copies the message `sent` out of a history page. */
static bool in_history(const char *history, const Sent *sent, char *out, size_t size) {
    return find_element(history, J("\"message_msg_id\":\"%s\"", sent->id), out, size);
}

/* Issue 6: two users talk in a group and privately, read, recall, and file
 * their conversations into conversation groups, up to every limit. */
static void scenario_conversation(void) {
    User *alice = open_user("alice", POLL);
    User *bob = open_user("bob", POLL);
    User *carol = open_user("carol", POLL);
    User *const both[] = {alice, bob, NULL};
    static char big[12 * 1024 + 2];
    char gid[64], convs[128], name[40], msg[8192], id[128] = "";
    const char *ev;
    Sent hello, news[2], dm, reply, intl, unheard;
    Reply *r;

    create_group(alice, "{\"create_group_param_group_name\":\"Chat\",\"create_group_param_group_id\":\"chat-1\","
                        "\"create_group_param_group_type\":2}",
                 gid);
    ASYNC(0, HuddleGroupJoin, bob->h, gid, NULL);
    /* Over a network the join's tip may still be on its way: let it land
     * before the listeners below, which count messages from here on. */
    EXPECT_TIPS(alice, "12,1");
    EXPECT_TIPS(bob, "1");
    add_listeners(alice);
    add_listeners(bob);

    /* Group and C2C messages both ways; nobody hears their own. */
    SEND(bob, gid, 2, "hello from bob", &hello);
    EXPECT_RECEIVED(alice, bob, gid, 2, &hello, 1);
    SEND(alice, gid, 2, "first", &news[0]);
    SEND(alice, gid, 2, "second", &news[1]);
    EXPECT_RECEIVED(bob, alice, gid, 2, news, 2);
    SEND(alice, "bob", 1, "hi bob", &dm);
    EXPECT_RECEIVED(bob, alice, "alice", 1, &dm, 1);
    TAKE(alice, "msg", 0, NULL);

    /* Unread counts (one's own messages are not unread), newest first; reading clears them. */
    r = ASYNC(0, HuddleConvGetConvList, bob->h);
    CHECK_STR(conv_ids(r->json), J("alice,%s", gid));
    EXPECT_CONV(r->json, gid, 2, "second");
    EXPECT_CONV(r->json, "alice", 1, "hi bob");
    r = ASYNC(0, HuddleConvGetTotalUnreadMessageCount, bob->h);
    CHECK_FIELD(r->json, "conv_get_total_unread_message_count_result_unread_count", "3");
    skip_events(bob);
    ASYNC(0, HuddleMsgReportReaded, bob->h, gid, 2, NULL);
    TAKE(bob, "conv2", 1, &ev);
    CHECK_FIELD(ev, "conv_id", J("\"%s\"", gid));
    CHECK_FIELD(ev, "conv_unread_num", "0");
    r = ASYNC(0, HuddleConvGetTotalUnreadMessageCount, bob->h);
    CHECK_FIELD(r->json, "conv_get_total_unread_message_count_result_unread_count", "1");
    /* JSON null, which Tencent's wrappers send for "no message", means NULL: all read. */
    ASYNC(0, HuddleMsgReportReaded, bob->h, "alice", 1, "null");
    TAKE(bob, "conv2", 1, &ev);
    CHECK_FIELD(ev, "conv_id", "\"alice\"");
    CHECK_FIELD(ev, "conv_unread_num", "0");
    r = ASYNC(0, HuddleConvGetTotalUnreadMessageCount, bob->h);
    CHECK_FIELD(r->json, "conv_get_total_unread_message_count_result_unread_count", "0");
    SEND(bob, "alice", 1, "hi alice", &reply);
    EXPECT_RECEIVED(alice, bob, "bob", 1, &reply, 1);
    r = ASYNC(0, HuddleConvGetConvList, alice->h);
    EXPECT_CONV(r->json, "bob", 1, "hi alice");

    /* Recalls: the sender's, in a group and in C2C; both sides are told. */
    ASYNC(HUDDLE_CODE_REVOKE_DENIED, HuddleMsgRevoke, bob->h, gid, 2, by_id(&news[1]));
    ASYNC(0, HuddleMsgRevoke, alice->h, gid, 2, by_id(&news[0]));
    EXPECT_REVOKED(both, &news[0], alice);
    ASYNC(0, HuddleMsgRevoke, bob->h, "alice", 1, by_id(&reply));
    EXPECT_REVOKED(both, &reply, bob);
    r = ASYNC(0, HuddleMsgGetMsgList, bob->h, gid, 2, NULL);
    CHECK(in_history(r->json, &news[0], msg, sizeof msg));
    CHECK_FIELD(msg, "message_status", "6");
    CHECK_FIELD(msg, "message_elem_array", "[]");
    CHECK(in_history(r->json, &news[1], msg, sizeof msg));
    CHECK_FIELD(msg, "message_status", "2");
    r = ASYNC(0, HuddleMsgGetMsgList, alice->h, "bob", 1, NULL);
    CHECK(in_history(r->json, &reply, msg, sizeof msg));
    CHECK_FIELD(msg, "message_status", "6");

    /* Conversation groups: bob's alone, each change an event, heard by the
     * listener of all kinds and by Tencent's typed ones. */
    set_typed_conv_group_listeners(bob, true);
    snprintf(convs, sizeof convs, "[\"c2c_alice\",\"group_%s\"]", gid);
    r = ASYNC(0, HuddleConvCreateConversationGroup, bob->h, "Friends", convs);
    CHECK_STR(r->json, J("[{\"conversation_operation_result_conversation_id\":\"c2c_alice\","
                         "\"conversation_operation_result_result_code\":0,\"conversation_operation_result_result_info\":\"\"},"
                         "{\"conversation_operation_result_conversation_id\":\"group_%s\","
                         "\"conversation_operation_result_result_code\":0,\"conversation_operation_result_result_info\":\"\"}]",
                         gid));
    TAKE(bob, "cg0", 1, &ev);
    CHECK_FIELD(ev, "conversation_group_name", "\"Friends\"");
    CHECK_FIELD(ev, "conversation_group_conv_id_array", convs);
    TAKE(bob, "tcg0", 1, &ev);
    CHECK_FIELD(ev, "name", "\"Friends\"");
    CHECK_FIELD(ev, "convs", J("[{\"conv_id\":\"alice\",\"conv_type\":1},{\"conv_id\":\"%s\",\"conv_type\":2}]", gid));
    TAKE(alice, "cg0", 0, NULL);
    r = ASYNC(0, HuddleConvGetConversationGroupList, bob->h);
    CHECK_STR(r->json, "[\"Friends\"]");
    ASYNC(0, HuddleConvRenameConversationGroup, bob->h, "Friends", "Pals");
    TAKE(bob, "cg2", 1, &ev);
    CHECK_FIELD(ev, "conversation_group_name", "\"Friends\"");
    CHECK_FIELD(ev, "conversation_group_new_name", "\"Pals\"");
    TAKE(bob, "tcg2", 1, &ev);
    CHECK_FIELD(ev, "name", "\"Friends\"");
    CHECK_FIELD(ev, "new_name", "\"Pals\"");
    r = ASYNC(0, HuddleConvGetConversationGroupList, bob->h);
    CHECK_STR(r->json, "[\"Pals\"]");
    r = ASYNC(0, HuddleConvDeleteConversationsFromGroup, bob->h, "Pals", "[\"c2c_alice\"]");
    CHECK_INT(count(r->json, "\"conversation_operation_result_conversation_id\""), 1);
    CHECK_FIELD(r->json, "conversation_operation_result_conversation_id", "\"c2c_alice\"");
    CHECK_FIELD(r->json, "conversation_operation_result_result_code", "0");
    TAKE(bob, "cg4", 1, &ev);
    CHECK_FIELD(ev, "conversation_group_name", "\"Pals\"");
    CHECK_FIELD(ev, "conversation_group_conv_id_array", "[\"c2c_alice\"]");
    TAKE(bob, "tcg4", 1, &ev);
    CHECK_FIELD(ev, "name", "\"Pals\"");
    CHECK_FIELD(ev, "convs", "[{\"conv_id\":\"alice\",\"conv_type\":1}]");
    CHECK_FIELD(ev, "reason", "0");
    ASYNC(0, HuddleConvAddConversationsToGroup, bob->h, "Pals", "[\"c2c_alice\"]");
    TAKE(bob, "cg3", 1, &ev);
    TAKE(bob, "tcg3", 1, &ev);
    CHECK_FIELD(ev, "convs", "[{\"conv_id\":\"alice\",\"conv_type\":1}]");
    ASYNC(0, HuddleConvDeleteConversationsFromGroup, bob->h, "Pals", "[\"c2c_alice\"]");
    TAKE(bob, "cg4", 1, &ev);
    TAKE(bob, "tcg4", 1, &ev);
    ASYNC(0, HuddleConvCreateConversationGroup, bob->h, "Doomed", "[]");
    ASYNC(0, HuddleConvDeleteConversationGroup, bob->h, "Doomed");
    TAKE(bob, "cg0", 1, &ev);
    TAKE(bob, "tcg0", 1, &ev);
    TAKE(bob, "cg1", 1, &ev);
    TAKE(bob, "tcg1", 1, &ev);
    CHECK_FIELD(ev, "name", "\"Doomed\"");
    /* Removed, a typed listener hears nothing more; the other still does. */
    set_typed_conv_group_listeners(bob, false);
    ASYNC(0, HuddleConvCreateConversationGroup, bob->h, "Gone", "[]");
    ASYNC(0, HuddleConvDeleteConversationGroup, bob->h, "Gone");
    TAKE(bob, "cg0", 1, &ev);
    TAKE(bob, "cg1", 1, &ev);
    TAKE(bob, "tcg0", 0, NULL);
    TAKE(bob, "tcg1", 0, NULL);
    ASYNC(0, HuddleConvCreateConversationGroup, bob->h, "Guild", J("[\"group_%s\"]", gid));
    r = ASYNC(0, HuddleConvGetConvList, bob->h);
    CHECK(find_element(r->json, J("\"conv_id\":\"%s\"", gid), msg, sizeof msg));
    CHECK(field(msg, "conv_conversation_group_array", name, sizeof name));
    CHECK(strcmp(name, "[\"Guild\",\"Pals\"]") == 0 || strcmp(name, "[\"Pals\",\"Guild\"]") == 0);
    CHECK_STR(in_conv_group(bob, "Pals"), gid);
    CHECK_STR(in_conv_group(bob, "Guild"), gid);
    CHECK_STR(in_conv_group(bob, ""), "alice");

    /* Their limits: names of 1..32 bytes, known names, 20 groups. */
    memset(name, 'n', 33);
    name[33] = '\0';
    ASYNC(HUDDLE_CODE_CONV_GROUP_NAME_INVALID, HuddleConvCreateConversationGroup, bob->h, "", "[]");
    ASYNC(HUDDLE_CODE_CONV_GROUP_NAME_INVALID, HuddleConvCreateConversationGroup, bob->h, name, "[]");
    ASYNC(HUDDLE_CODE_CONV_GROUP_NAME_INVALID, HuddleConvRenameConversationGroup, bob->h, "Pals", name);
    ASYNC(HUDDLE_CODE_INVALID_PARAMETERS, HuddleConvRenameConversationGroup, bob->h, "Pals", "Guild");
    ASYNC(HUDDLE_CODE_CONV_GROUP_NOT_FOUND, HuddleConvDeleteConversationGroup, bob->h, "Nope");
    ASYNC(HUDDLE_CODE_CONV_GROUP_NOT_FOUND, HuddleConvRenameConversationGroup, bob->h, "Nope", "Other");
    ASYNC(HUDDLE_CODE_CONV_GROUP_NOT_FOUND, HuddleConvAddConversationsToGroup, bob->h, "Nope", convs);
    ASYNC(HUDDLE_CODE_CONV_GROUP_NOT_FOUND, HuddleConvDeleteConversationsFromGroup, bob->h, "Nope", convs);
    name[32] = '\0';
    ASYNC(0, HuddleConvCreateConversationGroup, bob->h, name, "[]");
    for (int i = 4; i <= 20; i++) ASYNC(0, HuddleConvCreateConversationGroup, bob->h, J("spare %d", i), "[]");
    r = ASYNC(0, HuddleConvGetConversationGroupList, bob->h);
    CHECK_INT(count(r->json, "\""), 2 * 20);
    ASYNC(HUDDLE_CODE_CONV_GROUP_LIMIT, HuddleConvCreateConversationGroup, bob->h, "one too many", "[]");

    /* Sends refused: by a non-member, too large, and before they start. */
    memset(big, 'x', 12 * 1024 + 1);
    ASYNC(HUDDLE_CODE_PERMISSION_DENIED, HuddleMsgSendMessage, carol->h, gid, 2, text_msg("let me talk"), NULL);
    ASYNC(HUDDLE_CODE_MSG_TOO_LARGE, HuddleMsgSendMessage, alice->h, gid, 2, text_msg(big), NULL);
    REFUSED(HUDDLE_ERR_CONV, HuddleMsgSendMessage, alice->h, NULL, 2, text_msg("lost"), id);
    REFUSED(HUDDLE_ERR_CONV, HuddleMsgSendMessage, alice->h, gid, 3, text_msg("lost"), id);
    /* Invalid UTF-8 is -3 in every argument, as the group calls have it. */
    REFUSED(HUDDLE_ERR_JSON, HuddleMsgSendMessage, alice->h, "\xc3\x28", 1, text_msg("lost"), id);
    REFUSED(HUDDLE_ERR_JSON, HuddleConvCreateConversationGroup, bob->h, "\xc3\x28", "[]");
    CHECK_STR(id, "");
    TAKE(alice, "msg", 0, NULL);
    TAKE(bob, "msg", 0, NULL);

    /* Multi-byte UTF-8 comes through byte for byte. */
    SEND(alice, gid, 2, "你好，世界！🎉 Ünïcødé 👩‍💻", &intl);
    EXPECT_RECEIVED(bob, alice, gid, 2, &intl, 1);

    /* A removed listener hears nothing more. */
    HuddleRemoveRecvNewMsgCallback(bob->h, on_msg);
    SEND(alice, gid, 2, "unheard", &unheard);
    TAKE(bob, "msg", 0, NULL);

    ASYNC(0, HuddleGroupDelete, alice->h, gid);
    end_scenario((User *[]){alice, bob, carol, NULL});
}

/* Self profiles (Tencent's TIMProfile calls), and the fields of Tencent's
 * typed classes that come of them and of the read marks. */
static void scenario_user_profiles(void) {
    /* pia's device is a Mac (kTIMPlatform_Mac 4): her messages say so. */
    User *pia = open_user("pia", "{\"callback_mode\":\"poll\",\"sdk_config_platform\":4}");
    User *quinn = open_user("quinn", POLL);
    static char long_nick[520];
    char gid[64], item[2048];
    const char *ev;
    Sent hello, dm;
    Reply *r;

    ASYNC(0, HuddleProfileModifySelfUserProfile, pia->h,
          "{\"user_profile_item_nick_name\":\"Pia\",\"user_profile_item_face_url\":\"https://example.com/pia.png\","
          "\"user_profile_item_gender\":1,\"user_profile_item_custom_string_array\":"
          "[{\"user_profile_custom_string_info_key\":\"Level\",\"user_profile_custom_string_info_value\":\"7\"}]}");
    r = ASYNC(0, HuddleProfileGetUserProfileList, quinn->h,
              "{\"friendship_getprofilelist_param_identifier_array\":[\"pia\",\"quinn\"]}");
    CHECK(element(r->json, 0, item, sizeof item));
    CHECK_FIELD(item, "user_profile_identifier", "\"pia\"");
    CHECK_FIELD(item, "user_profile_nick_name", "\"Pia\"");
    CHECK_FIELD(item, "user_profile_face_url", "\"https://example.com/pia.png\"");
    CHECK_FIELD(item, "user_profile_custom_string_info_key", "\"Tag_Profile_Custom_Level\"");
    CHECK_FIELD(item, "user_profile_custom_string_info_value", "\"7\"");
    CHECK(element(r->json, 1, item, sizeof item));
    CHECK_FIELD(item, "user_profile_identifier", "\"quinn\"");
    CHECK_FIELD(item, "user_profile_nick_name", "\"\"");

    /* Tencent's limits and codes; a refused change keeps what was there. */
    memset(long_nick, 'n', 501);
    ASYNC(HUDDLE_CODE_PROFILE_SIZE_LIMIT, HuddleProfileModifySelfUserProfile, pia->h,
          J("{\"user_profile_item_nick_name\":\"%s\"}", long_nick));
    ASYNC(HUDDLE_CODE_INVALID_PROFILE_KEY, HuddleProfileModifySelfUserProfile, pia->h,
          "{\"user_profile_item_nick_name\":\"Lost\",\"user_profile_item_custom_string_array\":"
          "[{\"user_profile_custom_string_info_key\":\"Level2\",\"user_profile_custom_string_info_value\":\"x\"}]}");
    ASYNC(HUDDLE_CODE_PROFILE_ACCOUNT_MISS, HuddleProfileGetUserProfileList, pia->h,
          "{\"friendship_getprofilelist_param_identifier_array\":[]}");
    REFUSED(HUDDLE_ERR_PARAM, HuddleProfileGetUserProfileList, pia->h, NULL);
    REFUSED(HUDDLE_ERR_PARAM, HuddleProfileGetUserProfileList, pia->h, "{}");
    REFUSED(HUDDLE_ERR_JSON, HuddleProfileModifySelfUserProfile, pia->h, "{");
    r = ASYNC(0, HuddleProfileGetUserProfileList, pia->h, "{\"friendship_getprofilelist_param_identifier_array\":[\"pia\"]}");
    CHECK_FIELD(r->json, "user_profile_nick_name", "\"Pia\"");

    /* A group message carries the sender's profile and member record. */
    create_group(pia, "{\"create_group_param_group_name\":\"Profiles\",\"create_group_param_group_id\":\"prof-1\","
                      "\"create_group_param_group_type\":2}",
                 gid);
    ASYNC(0, HuddleGroupJoin, quinn->h, gid, NULL);
    EXPECT_TIPS(pia, "12,1");
    EXPECT_TIPS(quinn, "1");
    add_listeners(quinn);
    SEND(pia, gid, 2, "hi all", &hello);
    TAKE(quinn, "msg", 1, &ev);
    CHECK_FIELD(ev, "user_profile_nick_name", "\"Pia\"");
    CHECK_FIELD(ev, "user_profile_face_url", "\"https://example.com/pia.png\"");
    CHECK_FIELD(ev, "group_member_info_identifier", "\"pia\"");
    CHECK_FIELD(ev, "group_member_info_member_role", "400");
    CHECK_FIELD(ev, "message_is_read", "false");
    CHECK_FIELD(ev, "message_priority", "1");
    CHECK_FIELD(ev, "message_platform", "4");
    CHECK(!strstr(ev, "message_is_peer_read"));

    /* Group info: who is online, the next seq; members: their profiles. */
    r = ASYNC(0, HuddleGroupGetGroupInfoList, quinn->h, J("[\"%s\"]", gid));
    CHECK_FIELD(r->json, "group_detail_info_online_member_num", "2");
    CHECK_FIELD(r->json, "group_detail_info_next_msg_seq", "2");
    CHECK(!strstr(r->json, "\"group_detail_info_last_msg_time\":0"));
    r = ASYNC(0, HuddleGroupGetMemberInfoList, quinn->h,
              J("{\"group_get_members_info_list_param_group_id\":\"%s\"}", gid));
    CHECK(find_element(strstr(r->json, "["), "\"pia\"", item, sizeof item));
    CHECK_FIELD(item, "group_member_info_nick_name", "\"Pia\"");
    CHECK_FIELD(item, "group_member_info_face_url", "\"https://example.com/pia.png\"");

    /* C2C: read by the reader's mark, peer-read by the peer's. */
    SEND(pia, "quinn", 1, "psst", &dm);
    TAKE(quinn, "msg", 1, &ev);
    CHECK_FIELD(ev, "message_is_read", "false");
    CHECK_FIELD(ev, "message_is_peer_read", "true");
    r = ASYNC(0, HuddleMsgGetMsgList, pia->h, "quinn", 1, NULL);
    CHECK_FIELD(r->json, "message_is_read", "true");
    CHECK_FIELD(r->json, "message_is_peer_read", "false");
    ASYNC(0, HuddleMsgReportReaded, quinn->h, "pia", 1, NULL);
    r = ASYNC(0, HuddleMsgGetMsgList, pia->h, "quinn", 1, NULL);
    CHECK_FIELD(r->json, "message_is_peer_read", "true");
    r = ASYNC(0, HuddleConvGetConvList, quinn->h);
    CHECK(find_element(r->json, "\"conv_id\":\"pia\"", item, sizeof item));
    CHECK_FIELD(item, "conv_show_name", "\"Pia\"");
    CHECK_FIELD(item, "conv_face_url", "\"https://example.com/pia.png\"");
    CHECK_FIELD(item, "conv_recv_opt", "0");
    CHECK_FIELD(item, "conv_is_has_draft", "false");

    /* Drafts: Tencent's signatures, no callback; kept per user and conversation. */
    CHECK_INT(HuddleConvSetDraft(quinn->h, "pia", 1,
                                 "{\"draft_msg\":{\"message_elem_array\":[{\"elem_type\":0,\"text_elem_content\":\"half\"}]},"
                                 "\"draft_user_define\":\"cursor=4\",\"draft_edit_time\":1551271429}"),
              HUDDLE_SUCC);
    CHECK_INT(HuddleConvSetDraft(quinn->h, "pia", 1, "{\"draft_msg\":1}"), HUDDLE_ERR_PARAM);
    CHECK_INT(HuddleConvSetDraft(quinn->h, NULL, 1, "{}"), HUDDLE_ERR_CONV);
    r = ASYNC(0, HuddleConvGetConvList, quinn->h);
    CHECK(find_element(r->json, "\"conv_id\":\"pia\"", item, sizeof item));
    CHECK_FIELD(item, "conv_is_has_draft", "true");
    CHECK_FIELD(item, "conv_draft",
                "{\"draft_msg\":{\"message_elem_array\":[{\"elem_type\":0,\"text_elem_content\":\"half\"}]},"
                "\"draft_user_define\":\"cursor=4\",\"draft_edit_time\":1551271429}");
    r = ASYNC(0, HuddleConvGetConvList, pia->h);
    CHECK(find_element(r->json, "\"conv_id\":\"quinn\"", item, sizeof item));
    CHECK_FIELD(item, "conv_is_has_draft", "false");
    CHECK_INT(HuddleConvCancelDraft(quinn->h, "pia", 1), HUDDLE_SUCC);
    r = ASYNC(0, HuddleConvGetConvList, quinn->h);
    CHECK(find_element(r->json, "\"conv_id\":\"pia\"", item, sizeof item));
    CHECK_FIELD(item, "conv_is_has_draft", "false");
    CHECK_FIELD(item, "conv_draft", "null");

    User *const users[] = {pia, quinn, NULL};
    end_scenario(users);
}

/* ------------------------------------------------- receive options, marks, unread */

static void on_recv_opt(const char *json, const void *user_data) {
    record((User *)user_data, "recvopt", json);
}

static void on_total_unread(int32_t total, const void *user_data) {
    char text[16];
    snprintf(text, sizeof text, "%d", (int)total);
    record((User *)user_data, "total", text);
}

static void on_filter_unread(const char *filter, int32_t total, const void *user_data) {
    char text[512];
    snprintf(text, sizeof text, "{\"filter\":%s,\"total\":%d}", filter, (int)total);
    record((User *)user_data, "filter", text);
}

/* Receive options are enforced (NotReceive: nothing comes; ReceiveNotNotify:
 * the message comes), and everything ben changes on one device reaches his
 * second one: options, marks, custom data, unread counts. */
static void scenario_receive_options(void) {
    User *amy = open_user("dnd-amy", POLL);
    User *ben = open_user("dnd-ben", POLL);
    User *cat = open_user("dnd-cat", POLL);
    User *ben2 = open_user("dnd-ben", POLL);
    User *const users[] = {amy, ben, cat, ben2, NULL};
    char gid[64];
    Sent before, quiet, ping, hushed, from_cat;
    const char *ev;
    Reply *r;

    create_group(amy, "{\"create_group_param_group_name\":\"Quiet\",\"create_group_param_group_id\":\"dnd-group\","
                      "\"create_group_param_group_type\":2}",
                 gid);
    ASYNC(0, HuddleGroupJoin, ben->h, gid, NULL);
    ASYNC(0, HuddleGroupJoin, cat->h, gid, NULL);
    EXPECT_TIPS(cat, "1");
    add_listeners(ben);
    add_listeners(cat);
    add_listeners(ben2);
    HuddleSetMsgAllMessageReceiveOptionCallback(ben2->h, on_recv_opt, ben2);
    SEND(amy, gid, 2, "before", &before);
    EXPECT_RECEIVED(ben, amy, gid, 2, &before, 1);
    EXPECT_RECEIVED(cat, amy, gid, 2, &before, 1);
    skip_events(ben2);

    /* ben: NotReceive; cat: ReceiveNotNotify. Options outside 0..4: -4. */
    CHECK_INT(HuddleMsgSetGroupReceiveMessageOpt(ben->h, gid, 5, NULL, NULL), HUDDLE_ERR_PARAM);
    ASYNC(0, HuddleMsgSetGroupReceiveMessageOpt, ben->h, gid, 1);
    ASYNC(0, HuddleMsgSetGroupReceiveMessageOpt, cat->h, gid, 2);
    TAKE(ben2, "conv2", 1, &ev);
    CHECK_FIELD(ev, "conv_recv_opt", "1");
    skip_events(ben);
    SEND(amy, gid, 2, "quiet", &quiet);
    EXPECT_RECEIVED(cat, amy, gid, 2, &quiet, 1);
    SEND(amy, "dnd-ben", 1, "ping", &ping);
    /* Exactly one message: the group's never came, nor its conversation event. */
    EXPECT_RECEIVED(ben, amy, "dnd-amy", 1, &ping, 1);
    TAKE(ben, "conv2", 0, NULL);
    r = ASYNC(0, HuddleMsgGetMsgList, ben->h, gid, 2, NULL);
    CHECK(strstr(r->json, "\"quiet\"") != NULL);

    /* C2C options, per peer. */
    ASYNC(0, HuddleMsgSetC2CReceiveMessageOpt, ben->h, "[\"dnd-amy\"]", 1);
    r = ASYNC(0, HuddleMsgGetC2CReceiveMessageOpt, ben->h, "[\"dnd-amy\",\"dnd-cat\"]");
    CHECK_STR(r->json, "[{\"msg_recv_msg_opt_result_identifier\":\"dnd-amy\",\"msg_recv_msg_opt_result_opt\":1},"
                       "{\"msg_recv_msg_opt_result_identifier\":\"dnd-cat\",\"msg_recv_msg_opt_result_opt\":0}]");
    SEND(amy, "dnd-ben", 1, "hushed", &hushed);
    SEND(cat, "dnd-ben", 1, "from cat", &from_cat);
    EXPECT_RECEIVED(ben, cat, "dnd-cat", 1, &from_cat, 1);
    ASYNC(0, HuddleMsgSetC2CReceiveMessageOpt, ben->h, "[\"dnd-amy\"]", 0);

    /* The global do-not-disturb, heard on the other device. */
    ASYNC(HUDDLE_CODE_INVALID_PARAMETERS, HuddleMsgSetAllReceiveMessageOpt, ben->h, 1, 22, 0, 0, 3600);
    ASYNC(0, HuddleMsgSetAllReceiveMessageOpt, ben->h, 2, 22, 30, 0, 3600);
    TAKE(ben2, "recvopt", 1, &ev);
    CHECK_FIELD(ev, "msg_all_recv_msg_opt_level", "2");
    CHECK_FIELD(ev, "msg_all_recv_msg_opt_start_minute", "30");
    ASYNC(0, HuddleMsgSetAllReceiveMessageOpt2, ben->h, 3, 1700000000, 600);
    r = ASYNC(0, HuddleMsgGetAllReceiveMessageOpt, ben->h);
    CHECK_STR(r->json, "{\"msg_all_recv_msg_opt_level\":3,\"msg_all_recv_msg_opt_start_hour\":0,"
                       "\"msg_all_recv_msg_opt_start_minute\":0,\"msg_all_recv_msg_opt_start_second\":0,"
                       "\"msg_all_recv_msg_opt_start_time_stamp\":1700000000,\"msg_all_recv_msg_duration\":600}");
    TAKE(ben2, "recvopt", 1, &ev);

    /* Unread listeners on the second device: the do-not-disturb group counts for nothing. */
    skip_events(ben2);
    HuddleSetConvTotalUnreadMessageCountChangedCallback(ben2->h, on_total_unread, ben2);
    HuddleSetConvUnreadMessageCountChangedByFilterCallback(ben2->h, on_filter_unread, ben2);
    CHECK_INT(HuddleConvSubscribeUnreadMessageCountByFilter(ben2->h, "{\"conversation_list_filter_conv_type\":2}"), HUDDLE_SUCC);
    CHECK_INT(HuddleConvSubscribeUnreadMessageCountByFilter(ben2->h, "{"), HUDDLE_ERR_JSON);
    /* A call of the same client answers after the counts were learned. */
    ASYNC(0, HuddleConvGetTotalUnreadMessageCount, ben2->h);
    r = ASYNC(0, HuddleConvGetTotalUnreadMessageCount, ben->h);
    CHECK_FIELD(r->json, "conv_get_total_unread_message_count_result_unread_count", "3");
    ASYNC(0, HuddleConvCleanConversationUnreadMessageCount, ben->h, "c2c", 0, 0);
    TAKE(ben2, "total", 1, &ev);
    CHECK_STR(ev, "0");
    ASYNC(0, HuddleMsgSetGroupReceiveMessageOpt, ben->h, gid, 0);
    TAKE(ben2, "total", 1, &ev);
    CHECK_STR(ev, "2");
    TAKE(ben2, "filter", 1, &ev);
    CHECK_STR(ev, "{\"filter\":{\"conversation_list_filter_conv_type\":2},\"total\":2}");
    CHECK_INT(HuddleConvUnsubscribeUnreadMessageCountByFilter(ben2->h, "{\"conversation_list_filter_conv_type\":2}"), HUDDLE_SUCC);
    r = ASYNC(0, HuddleConvGetUnreadMessageCountByFilter, ben->h, "{\"conversation_list_filter_conv_type\":1}");
    CHECK_FIELD(r->json, "conv_get_total_unread_message_count_result_unread_count", "0");
    ASYNC(0, HuddleConvCleanConversationUnreadMessageCount, ben->h, J("group_%s", gid), 0, 1);
    TAKE(ben2, "total", 1, &ev);
    CHECK_STR(ev, "1");
    HuddleSetConvTotalUnreadMessageCountChangedCallback(ben2->h, NULL, NULL);

    /* Marks and custom data, batch results, and what the other device sees. */
    skip_events(ben2);
    r = ASYNC(0, HuddleConvMarkConversation, ben->h, J("[\"group_%s\",\"c2c_nobody\"]", gid), (uint64_t)1 | ((uint64_t)1 << 40), true);
    CHECK(strstr(r->json, "\"conversation_operation_result_result_code\":6004") != NULL);
    TAKE(ben2, "conv2", 1, &ev);
    CHECK_FIELD(ev, "conv_mark_array", "[1,1099511627776]");
    ASYNC(0, HuddleConvSetConversationCustomData, ben->h, J("[\"group_%s\"]", gid), "pinned-by-game");
    TAKE(ben2, "conv2", 1, &ev);
    CHECK_FIELD(ev, "conv_custom_data", "\"pinned-by-game\"");
    r = ASYNC(0, HuddleConvGetConvInfo, ben2->h,
              J("[{\"get_conversation_list_param_conv_id\":\"%s\",\"get_conversation_list_param_conv_type\":2},"
                "{\"get_conversation_list_param_conv_id\":\"nobody\",\"get_conversation_list_param_conv_type\":1}]",
                gid));
    CHECK_INT(count(r->json, "\"conv_id\""), 1);
    CHECK_FIELD(r->json, "conv_custom_data", "\"pinned-by-game\"");
    CHECK_FIELD(r->json, "conv_unread_num", "1");
    r = ASYNC(0, HuddleConvGetUnreadMessageCountByFilter, ben->h, "{\"conversation_list_filter_mark_type\":1}");
    CHECK_FIELD(r->json, "conv_get_total_unread_message_count_result_unread_count", "1");
    /* Deleting from the list: clear_message false keeps the messages, true clears them (for ben). */
    r = ASYNC(0, HuddleConvDeleteConversationList, ben->h, "[\"c2c_dnd-amy\"]", false);
    CHECK_FIELD(r->json, "conversation_operation_result_result_code", "0");
    TAKE(ben2, "conv1", 1, &ev);
    CHECK_FIELD(ev, "conv_id", "\"dnd-amy\"");
    r = ASYNC(0, HuddleMsgGetMsgList, ben->h, "dnd-amy", 1, NULL);
    CHECK(strstr(r->json, "\"ping\"") != NULL);
    r = ASYNC(0, HuddleConvDeleteConversationList, ben->h, "[\"c2c_dnd-cat\"]", true);
    CHECK_FIELD(r->json, "conversation_operation_result_result_code", "0");
    TAKE(ben2, "conv1", 1, &ev);
    CHECK_FIELD(ev, "conv_id", "\"dnd-cat\"");
    r = ASYNC(0, HuddleMsgGetMsgList, ben->h, "dnd-cat", 1, NULL);
    CHECK_STR(r->json, "[]");
    r = ASYNC(0, HuddleMsgGetMsgList, cat->h, "dnd-ben", 1, NULL);
    CHECK(strstr(r->json, "\"from cat\"") != NULL);

    end_scenario(users);
}

/* Group attributes and counters: a match room's seats, a stream's likes.
 * Every member hears every change, in the order the engine made them. */
/* Listeners run on dispatcher threads too: no J() here. */
static void on_group_attributes(const char *group_id, const char *json, const void *ud) {
    size_t n = strlen(group_id) + strlen(json) + 16;
    char *line = malloc(n);
    if (line == NULL) exit(2);
    snprintf(line, n, "{\"g\":\"%s\",\"a\":%s}", group_id, json);
    record((User *)ud, "attrs", line);
    free(line);
}

static void on_group_counter(const char *group_id, const char *key, int64_t value, const void *ud) {
    char line[512];
    snprintf(line, sizeof line, "{\"g\":\"%s\",\"k\":\"%s\",\"v\":%lld}", group_id, key, (long long)value);
    record((User *)ud, "ctr", line);
}

static void scenario_attributes(void) {
    User *ann = open_user("attr_ann", POLL);
    User *ben = open_user("attr_ben", THREAD);
    char gid[64];
    const char *evs[3];
    Reply *r;
    create_group(ann, "{\"create_group_param_group_name\":\"Match\",\"create_group_param_group_type\":2}", gid);
    ASYNC(0, HuddleGroupJoin, ben->h, gid, NULL);
    for (User *const *u = (User *const[]){ann, ben, NULL}; *u != NULL; u++) {
        HuddleSetGroupAttributeChangedCallback((*u)->h, on_group_attributes, *u);
        HuddleSetGroupCounterChangedCallback((*u)->h, on_group_counter, *u);
    }

    /* Seats taken, read back, one freed. */
    ASYNC(0, HuddleGroupInitGroupAttributes, ann->h, gid,
          "[{\"group_attribute_key\":\"seat1\",\"group_attribute_value\":\"ann\"}]");
    ASYNC(0, HuddleGroupSetGroupAttributes, ben->h, gid,
          "[{\"group_attribute_key\":\"seat2\",\"group_attribute_value\":\"ben\"}]");
    r = ASYNC(0, HuddleGroupGetGroupAttributes, ben->h, gid, "");
    CHECK_STR(r->json, "[{\"group_attribute_key\":\"seat1\",\"group_attribute_value\":\"ann\"},"
                       "{\"group_attribute_key\":\"seat2\",\"group_attribute_value\":\"ben\"}]");
    r = ASYNC(0, HuddleGroupGetGroupAttributes, ann->h, gid, "[\"seat2\"]");
    CHECK_STR(r->json, "[{\"group_attribute_key\":\"seat2\",\"group_attribute_value\":\"ben\"}]");
    ASYNC(10004, HuddleGroupSetGroupAttributes, ann->h, gid,
          "[{\"group_attribute_key\":\"a-key-of-33-bytes-is-one-too-long\",\"group_attribute_value\":\"x\"}]");
    ASYNC(0, HuddleGroupDeleteGroupAttributes, ann->h, gid, "[\"seat1\"]");
    REFUSED(HUDDLE_ERR_PARAM, HuddleGroupDeleteGroupAttributes, ann->h, gid, NULL);
    REFUSED(HUDDLE_ERR_JSON, HuddleGroupSetGroupAttributes, ann->h, gid, "[");
    REFUSED(HUDDLE_ERR_PARAM, HuddleGroupSetGroupAttributes, ann->h, gid, "{}");
    for (User *const *u = (User *const[]){ann, ben, NULL}; *u != NULL; u++) {
        TAKE(*u, "attrs", 3, evs);
        CHECK_STR(evs[0], J("{\"g\":\"%s\",\"a\":[{\"group_attribute_key\":\"seat1\",\"group_attribute_value\":\"ann\"}]}", gid));
        CHECK_STR(evs[1], J("{\"g\":\"%s\",\"a\":[{\"group_attribute_key\":\"seat1\",\"group_attribute_value\":\"ann\"},"
                            "{\"group_attribute_key\":\"seat2\",\"group_attribute_value\":\"ben\"}]}", gid));
        CHECK_STR(evs[2], J("{\"g\":\"%s\",\"a\":[{\"group_attribute_key\":\"seat2\",\"group_attribute_value\":\"ben\"}]}", gid));
    }

    /* A like counter: set, increased, decreased, read; each change to everyone. */
    r = ASYNC(0, HuddleGroupSetGroupCounters, ann->h, gid, "[{\"group_counter_key\":\"likes\",\"group_counter_value\":10}]");
    CHECK_STR(r->json, "[{\"group_counter_key\":\"likes\",\"group_counter_value\":10}]");
    r = ASYNC(0, HuddleGroupIncreaseGroupCounter, ben->h, gid, "likes", 5);
    CHECK_STR(r->json, "[{\"group_counter_key\":\"likes\",\"group_counter_value\":15}]");
    r = ASYNC(0, HuddleGroupDecreaseGroupCounter, ann->h, gid, "likes", 3);
    CHECK_STR(r->json, "[{\"group_counter_key\":\"likes\",\"group_counter_value\":12}]");
    r = ASYNC(0, HuddleGroupGetGroupCounters, ben->h, gid, NULL);
    CHECK_STR(r->json, "[{\"group_counter_key\":\"likes\",\"group_counter_value\":12}]");
    ASYNC(10004, HuddleGroupIncreaseGroupCounter, ann->h, gid, "", 1);
    REFUSED(HUDDLE_ERR_PARAM, HuddleGroupIncreaseGroupCounter, ann->h, gid, NULL, 1);
    for (User *const *u = (User *const[]){ann, ben, NULL}; *u != NULL; u++) {
        TAKE(*u, "ctr", 3, evs);
        CHECK_STR(evs[0], J("{\"g\":\"%s\",\"k\":\"likes\",\"v\":10}", gid));
        CHECK_STR(evs[1], J("{\"g\":\"%s\",\"k\":\"likes\",\"v\":15}", gid));
        CHECK_STR(evs[2], J("{\"g\":\"%s\",\"k\":\"likes\",\"v\":12}", gid));
    }

    /* Outsiders neither read nor write. */
    User *cid = open_user("attr_cid", POLL);
    ASYNC(10007, HuddleGroupGetGroupAttributes, cid->h, gid, NULL);
    ASYNC(10007, HuddleGroupIncreaseGroupCounter, cid->h, gid, "likes", 1);

    User *const users[] = {ann, ben, cid, NULL};
    end_scenario(users);
}

/* Issue 13: a delete is the deleter's alone; an edit reaches every member,
 * and an edit made from an older version is refused with Tencent's 8006 and
 * the message as it is now; local data and local insertion stay with their
 * user; search finds a two-character Chinese word inside unspaced text. */
static void on_update(const char *json, const void *user_data) {
    record_each((User *)user_data, "upd", json);
}

static const char *edit_of(const char *gid, const Sent *sent, const char *text) {
    return J("{\"message_conv_id\":\"%s\",\"message_conv_type\":2,\"message_msg_id\":\"%s\","
             "\"message_elem_array\":[{\"elem_type\":0,\"text_elem_content\":\"%s\"}]}",
             gid, sent->id, text);
}

static void scenario_message_edits(void) {
    User *rhea = open_user("rhea", POLL);
    User *saul = open_user("saul", POLL);
    char gid[64], seq[32];
    const char *ev;
    Sent first, poll;
    Reply *r;

    create_group(rhea, "{\"create_group_param_group_name\":\"edits\",\"create_group_param_group_type\":2}", gid);
    ASYNC(0, HuddleGroupJoin, saul->h, gid, NULL);
    HuddleSetMsgUpdateCallback(rhea->h, on_update, rhea);
    HuddleSetMsgUpdateCallback(saul->h, on_update, saul);
    SEND(rhea, gid, 2, "我们去东京大学吧", &first);
    SEND(saul, gid, 2, "poll: 0", &poll);

    /* rhea deletes her message for herself: saul keeps it. */
    ASYNC(0, HuddleMsgDelete, rhea->h, gid, 2, J("{\"msg_delete_param_msg\":%s}", by_id(&first)));
    r = ASYNC(0, HuddleMsgGetMsgList, rhea->h, gid, 2, NULL);
    CHECK(strstr(r->json, first.id) == NULL);
    r = ASYNC(0, HuddleMsgGetMsgList, saul->h, gid, 2, NULL);
    CHECK(strstr(r->json, first.id) != NULL);
    r = ASYNC(0, HuddleMsgFindMessages, rhea->h, J("[\"%s\"]", first.id));
    CHECK_FIELD(r->json, "message_status", "4");
    const char *search = J("{\"msg_search_param_keyword_array\":[\"大学\"],\"msg_search_param_conv_id\":\"%s\","
                           "\"msg_search_param_conv_type\":2}", gid);
    r = ASYNC(0, HuddleMsgSearchLocalMessages, saul->h, search);
    CHECK_FIELD(r->json, "msg_search_result_total_count", "1");
    CHECK(strstr(r->json, first.id) != NULL);
    r = ASYNC(0, HuddleMsgSearchLocalMessages, rhea->h, search);
    CHECK_FIELD(r->json, "msg_search_result_total_count", "0");

    /* rhea edits saul's poll: both hear it; saul's edit of the old version is 8006. */
    r = ASYNC(0, HuddleMsgModifyMessage, rhea->h, edit_of(gid, &poll, "poll: 1"));
    CHECK_FIELD(r->json, "message_version", "1");
    TAKE(saul, "upd", 1, &ev);
    CHECK_FIELD(ev, "text_elem_content", "\"poll: 1\"");
    CHECK_FIELD(ev, "message_msg_id", J("\"%s\"", poll.id));
    TAKE(rhea, "upd", 1, &ev);
    CHECK_FIELD(ev, "text_elem_content", "\"poll: 1\"");
    r = ASYNC(8006, HuddleMsgModifyMessage, saul->h, edit_of(gid, &poll, "poll: 2"));
    CHECK_FIELD(r->json, "text_elem_content", "\"poll: 1\"");
    CHECK_FIELD(r->json, "message_version", "1");

    /* Local data: saul's alone, found by locator. */
    ASYNC(0, HuddleMsgSetLocalCustomData, saul->h,
          J("{\"message_conv_id\":\"%s\",\"message_conv_type\":2,\"message_msg_id\":\"%s\",\"message_custom_str\":\"voted\"}",
            gid, poll.id));
    r = ASYNC(0, HuddleMsgFindMessages, saul->h, J("[\"%s\"]", poll.id));
    CHECK(field(r->json, "message_seq", seq, sizeof seq));
    r = ASYNC(0, HuddleMsgFindByMsgLocatorList, saul->h, gid, 2, J("[{\"message_locator_seq\":%s}]", seq));
    CHECK_FIELD(r->json, "message_custom_str", "\"voted\"");
    r = ASYNC(0, HuddleMsgFindByMsgLocatorList, rhea->h, gid, 2, J("[{\"message_locator_seq\":%s}]", seq));
    CHECK(strstr(r->json, "message_custom_str") == NULL);

    /* Local insertion: never sent, only rhea has it. */
    r = ASYNC(0, HuddleMsgSaveMsg, rhea->h, gid, 2, text_msg("a note"));
    CHECK_FIELD(r->json, "message_status", "5");
    ASYNC(0, HuddleMsgImportMsgList, rhea->h, "saul", 1, J("[%s]", text_msg("imported")));
    r = ASYNC(0, HuddleMsgGetMsgList, saul->h, gid, 2, NULL);
    CHECK(strstr(r->json, "a note") == NULL);
    r = ASYNC(0, HuddleMsgGetMsgList, rhea->h, "saul", 1, NULL);
    CHECK(strstr(r->json, "imported") != NULL);
    REFUSED(HUDDLE_ERR_JSON, HuddleMsgSearchLocalMessages, rhea->h, "{");
    REFUSED(HUDDLE_ERR_CONV, HuddleMsgClearHistoryMessage, rhea->h, NULL, 2);

    /* Everything read, then rhea's history of the group cleared; saul's stays. */
    ASYNC(0, HuddleMsgMarkAllMessageAsRead, rhea->h);
    r = ASYNC(0, HuddleConvGetTotalUnreadMessageCount, rhea->h);
    CHECK_FIELD(r->json, "conv_get_total_unread_message_count_result_unread_count", "0");
    ASYNC(0, HuddleMsgClearHistoryMessage, rhea->h, gid, 2);
    r = ASYNC(0, HuddleMsgGetMsgList, rhea->h, gid, 2, NULL);
    CHECK_STR(r->json, "[]");
    r = ASYNC(0, HuddleMsgGetMsgList, saul->h, gid, 2, NULL);
    CHECK(strstr(r->json, first.id) != NULL);

    User *const users[] = {rhea, saul, NULL};
    end_scenario(users);
}

/* Community topics (Tencent's TIMGroup*Topic* calls and listeners), local
 * search, and member marks. */
static char topic_news[8][512];
static int ntopic_news;

static void record_topic(const char *kind, const char *group_id, const char *detail) {
    pthread_mutex_lock(&mu);
    if (ntopic_news < 8) snprintf(topic_news[ntopic_news], sizeof topic_news[0], "%s %s %s", kind, group_id, detail);
    ntopic_news++;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
}

static void on_topic_created(const char *g, const char *t, const void *ud) { (void)ud; record_topic("created", g, t); }
static void on_topic_deleted(const char *g, const char *ids, const void *ud) { (void)ud; record_topic("deleted", g, ids); }
static void on_topic_changed(const char *g, const char *info, const void *ud) { (void)ud; record_topic("changed", g, info); }

static bool has_topic_news(const void *arg) { return ntopic_news >= *(const int *)arg; }

static bool has_mark_tip(const void *arg) { return strstr(last_tip(arg), "group_tips_member_mark_change_info_markType") != NULL; }

static void scenario_topics(void) {
    User *alice = open_user("alice", POLL);
    User *bob = open_user("bob", POLL);
    const char *text = "{\"message_elem_array\":[{\"elem_type\":0,\"text_elem_content\":\"hello topic\"}]}";
    const char *topic = "@TGS#_c-guild@TOPIC#_news";
    char gid[64], item[4096];
    const char *ev;
    Reply *r;
    int want;

    HuddleSetGroupTopicCreatedCallback(bob->h, on_topic_created, NULL);
    HuddleSetGroupTopicDeletedCallback(bob->h, on_topic_deleted, NULL);
    HuddleSetGroupTopicChangedCallback(bob->h, on_topic_changed, NULL);
    add_listeners(alice);
    /* Tencent's community IDs; topics only where the community takes them. */
    ASYNC(HUDDLE_CODE_INVALID_GROUP_ID_FORMAT, HuddleGroupCreate, alice->h,
          "{\"create_group_param_group_name\":\"x\",\"create_group_param_group_id\":\"@TGS#_c-public\"}");
    create_group(alice, "{\"create_group_param_group_name\":\"Guild\",\"create_group_param_group_id\":\"@TGS#_c-guild\","
                        "\"create_group_param_group_type\":5,\"create_group_param_is_support_topic\":true}",
                 gid);
    CHECK_STR(gid, "@TGS#_c-guild");
    ASYNC(0, HuddleGroupJoin, bob->h, gid, NULL);
    r = ASYNC(0, HuddleGroupGetGroupInfoList, bob->h, "[\"@TGS#_c-guild\"]");
    CHECK_FIELD(r->json, "group_detail_info_is_support_topic", "true");
    r = ASYNC(0, HuddleGroupGetJoinedCommunityList, bob->h);
    CHECK_FIELD(r->json, "group_base_info_group_id", "\"@TGS#_c-guild\"");
    ASYNC(HUDDLE_CODE_PERMISSION_DENIED, HuddleGroupCreateTopicInCommunity, bob->h, gid, "{\"group_topic_info_topic_name\":\"x\"}");
    REFUSED(HUDDLE_ERR_PARAM, HuddleGroupCreateTopicInCommunity, alice->h, gid, "[]");
    r = ASYNC(0, HuddleGroupCreateTopicInCommunity, alice->h, gid,
              J("{\"group_topic_info_topic_id\":\"%s\",\"group_topic_info_topic_name\":\"News\"}", topic));
    CHECK_FIELD(r->json, "group_topic_info_topic_id", J("\"%s\"", topic));
    want = 1;
    pump();
    wait_for(has_topic_news, &want);
    CHECK_STR(topic_news[0], J("created @TGS#_c-guild %s", topic));

    /* A topic message is a group message whose conversation is the topic. */
    skip_events(alice);
    ASYNC(0, HuddleMsgSendMessage, bob->h, topic, 2, text, NULL);
    CHECK(TAKE(alice, "msg", 1, &ev));
    CHECK_FIELD(ev, "message_conv_id", J("\"%s\"", topic));
    r = ASYNC(0, HuddleGroupGetTopicInfoList, alice->h, gid, "[]");
    CHECK(element(r->json, 0, item, sizeof item));
    CHECK_FIELD(item, "group_topic_info_result_error_code", "0");
    CHECK_FIELD(item, "group_topic_info_topic_name", "\"News\"");
    CHECK_FIELD(item, "group_topic_info_unread_count", "1");
    CHECK_FIELD(item, "text_elem_content", "\"hello topic\"");
    r = ASYNC(0, HuddleMsgGetMsgList, alice->h, topic, 2, NULL);
    CHECK_INT(count(r->json, "hello topic"), 1);

    /* Mute: the owner's and admins' to set, everyone else's to bear. */
    ASYNC(0, HuddleGroupSetTopicInfo, alice->h,
          J("{\"group_topic_info_topic_id\":\"%s\",\"group_topic_info_is_all_muted\":true,"
            "\"group_modify_info_param_modify_flag\":256}", topic));
    ASYNC(HUDDLE_CODE_MUTED, HuddleMsgSendMessage, bob->h, topic, 2, text, NULL);
    want = 2;
    pump();
    wait_for(has_topic_news, &want);
    CHECK(strstr(topic_news[1], "\"group_topic_info_is_all_muted\":true") != NULL);

    /* Deleted: one result per ID. */
    r = ASYNC(0, HuddleGroupDeleteTopicFromCommunity, alice->h, gid, J("[\"%s\",\"@TGS#_c-guild@TOPIC#_none\"]", topic));
    CHECK(element(r->json, 1, item, sizeof item));
    CHECK_FIELD(item, "group_topic_operation_result_error_code", "10010");
    ASYNC(HUDDLE_CODE_GROUP_NOT_FOUND, HuddleMsgSendMessage, bob->h, topic, 2, text, NULL);
    want = 3;
    pump();
    wait_for(has_topic_news, &want);
    CHECK_STR(topic_news[2], J("deleted @TGS#_c-guild [\"%s\"]", topic));

    /* Local search: the caller's own groups and their members. */
    r = ASYNC(0, HuddleGroupSearchGroups, bob->h, "{\"group_search_params_keyword_list\":[\"GUILD\"]}");
    CHECK_FIELD(r->json, "group_detail_info_group_id", "\"@TGS#_c-guild\"");
    ASYNC(HUDDLE_CODE_INVALID_PARAMETERS, HuddleGroupSearchGroups, bob->h, "{\"group_search_params_keyword_list\":[]}");
    r = ASYNC(0, HuddleGroupSearchGroupMembers, bob->h,
              "{\"group_search_member_params_keyword_list\":[\"ali\"],\"group_search_member_params_field_list\":[1]}");
    CHECK_FIELD(r->json, "group_search_member_result_groupid", "\"@TGS#_c-guild\"");
    CHECK_FIELD(r->json, "group_member_info_identifier", "\"alice\"");

    /* Marks: AVChatRoom owners mark members; every member hears of it. */
    create_group(alice, "{\"create_group_param_group_name\":\"Live\",\"create_group_param_group_type\":4}", gid);
    ASYNC(0, HuddleGroupJoin, bob->h, gid, NULL);
    ASYNC(HUDDLE_CODE_PERMISSION_DENIED, HuddleGroupMarkGroupMemberList, bob->h, gid, "[\"bob\"]", 1000, true);
    ASYNC(HUDDLE_CODE_INVALID_REQUEST, HuddleGroupMarkGroupMemberList, alice->h, gid, "[\"bob\"]", 999, true);
    ASYNC(0, HuddleGroupMarkGroupMemberList, alice->h, gid, "[\"bob\"]", 1000, true);
    CHECK(wait_for(has_mark_tip, bob));
    CHECK_FIELD(last_tip(bob), "group_tips_elem_tip_type", "8");
    CHECK_FIELD(last_tip(bob), "group_tips_member_mark_change_info_markType", "1000");
    r = ASYNC(0, HuddleGroupGetMemberInfoList, alice->h, members_query(gid, "[]", 1000, "0"));
    CHECK_FIELD(r->json, "group_member_info_identifier", "\"bob\"");

    HuddleSetGroupTopicCreatedCallback(bob->h, NULL, NULL);
    HuddleSetGroupTopicDeletedCallback(bob->h, NULL, NULL);
    HuddleSetGroupTopicChangedCallback(bob->h, NULL, NULL);
    end_scenario((User *[]){alice, bob, NULL});
}

/* Sends a text of `priority` (Tencent's TIMMsgPriority) and returns the
 * callback's code. */
static int send_priority(User *u, const char *gid, const char *text, int priority) {
    Reply *r = new_reply();
    const char *msg = J("{\"message_elem_array\":[{\"elem_type\":0,\"text_elem_content\":\"%s\"}],\"message_priority\":%d}",
                        text, priority);
    int32_t sync = HuddleMsgSendMessage(u->h, gid, 2, msg, NULL, on_reply, r);
    r->expect_calls = sync == HUDDLE_SUCC;
    CHECK_INT(sync, HUDDLE_SUCC);
    CHECK(wait_for(reply_came, r));
    return r->code;
}

/* AVChatRoom (type 4): online only (a member logged out gets nothing of what
 * was sent meanwhile, nor on its return), the latest 50 once to a joiner, no
 * history, drops by priority with 10023 but never the owner's, one room per
 * user, and the online count (Tencent's TIMGroupGetOnlineMemberCount). */
static void scenario_chatroom(void) {
    User *ann = open_user("ann", POLL);
    User *ben = open_user("ben", POLL);
    User *cat = open_user("cat", POLL);
    User *dan = open_user("dan", POLL);
    char gid[64], other[64], text[32];
    const char *ev, *latest[51];
    Sent sent;
    Reply *r;

    create_group(ann, "{\"create_group_param_group_name\":\"Lobby\",\"create_group_param_group_type\":4}", gid);
    ASYNC(0, HuddleGroupJoin, ben->h, gid, NULL);
    ASYNC(0, HuddleGroupJoin, cat->h, gid, NULL);
    r = ASYNC(0, HuddleGroupGetOnlineMemberCount, ben->h, gid);
    CHECK_STR(r->json, "{\"group_get_online_member_count_result\":3}");
    ASYNC(HUDDLE_CODE_PERMISSION_DENIED, HuddleGroupGetOnlineMemberCount, dan->h, gid);
    ASYNC(HUDDLE_CODE_GROUP_NOT_FOUND, HuddleGroupGetOnlineMemberCount, dan->h, "no-such-room");
    REFUSED(HUDDLE_ERR_PARAM, HuddleGroupGetOnlineMemberCount, ben->h, NULL);
    add_listeners(ben);
    add_listeners(cat);

    /* ben logs out: what is said meanwhile is lost to him for good. */
    ASYNC(0, HuddleLogout, ben->h);
    r = ASYNC(0, HuddleGroupGetOnlineMemberCount, cat->h, gid);
    CHECK_FIELD(r->json, "group_get_online_member_count_result", "2");
    SEND(ann, gid, 2, "while away", &sent);
    ASYNC(0, HuddleLogin, ben->h, "ben", NULL);
    SEND(ann, gid, 2, "back", &sent);
    TAKE(ben, "msg", 1, &ev);
    CHECK_FIELD(ev, "text_elem_content", "\"back\"");
    TAKE(cat, "msg", 2, latest);
    CHECK_FIELD(latest[0], "text_elem_content", "\"while away\"");

    /* A flood of Low messages is dropped past the room's share for them;
     * a High one still goes; the owner's are never dropped. */
    int code = 0;
    for (int i = 0; i < 100 && code == 0; i++) {
        snprintf(text, sizeof text, "low %d", i);
        code = send_priority(ben, gid, text, 2);
    }
    CHECK_INT(code, HUDDLE_CODE_SEND_RATE_LIMIT);
    CHECK_INT(send_priority(cat, gid, "high", 0), 0);
    for (int i = 0; i < 50; i++) {
        snprintf(text, sizeof text, "ann %d", i);
        CHECK_INT(send_priority(ann, gid, text, 2), 0);
    }

    /* dan joins late: the join tip, then the latest 50, oldest first, once. */
    add_listeners(dan);
    ASYNC(0, HuddleGroupJoin, dan->h, gid, NULL);
    TAKE(dan, "msg", 51, latest);
    CHECK_FIELD(latest[0], "group_tips_elem_tip_type", "1");
    CHECK_FIELD(latest[1], "text_elem_content", "\"ann 0\"");
    CHECK_FIELD(latest[1], "message_priority", "2");
    CHECK_FIELD(latest[50], "text_elem_content", "\"ann 49\"");
    r = ASYNC(0, HuddleMsgGetMsgList, dan->h, gid, 2, NULL);
    CHECK_STR(r->json, "[]");

    /* Joining another room leaves this one. */
    create_group(cat, "{\"create_group_param_group_name\":\"Other\",\"create_group_param_group_type\":4}", other);
    ASYNC(0, HuddleGroupJoin, dan->h, other, NULL);
    r = ASYNC(0, HuddleGroupGetOnlineMemberCount, ann->h, gid);
    CHECK_FIELD(r->json, "group_get_online_member_count_result", "3");
    r = ASYNC(0, HuddleGroupGetOnlineMemberCount, dan->h, other);
    CHECK_FIELD(r->json, "group_get_online_member_count_result", "2");

    ASYNC(0, HuddleGroupDelete, ann->h, gid);
    ASYNC(0, HuddleGroupDelete, cat->h, other);
    end_scenario((User *[]){ann, ben, cat, dan, NULL});
}

/* Issue 13: read receipts, extensions, reactions and pins, Tencent's way:
 * each call names the message by the JSON the send callback gave. */
typedef struct {
    bool done;
    char members[2048];
    uint64_t next_seq;
    bool is_finished;
} MemberPage;

static void on_read_members(const char *json, uint64_t next_seq, bool is_finished, const void *user_data) {
    MemberPage *p = (MemberPage *)user_data;
    pthread_mutex_lock(&mu);
    snprintf(p->members, sizeof p->members, "%s", json);
    p->next_seq = next_seq;
    p->is_finished = is_finished;
    p->done = true;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
}

static bool page_came(const void *arg) {
    return ((const MemberPage *)arg)->done;
}

static void read_members(User *u, const char *msg, int32_t filter, uint64_t next_seq, uint32_t count, MemberPage *page) {
    memset(page, 0, sizeof *page);
    CHECK_INT(HuddleMsgGetGroupMessageReadMemberList(u->h, msg, filter, next_seq, count, on_read_members, page), HUDDLE_SUCC);
    CHECK(wait_for(page_came, page));
}

static void on_receipt(const char *json, const void *ud) { record_each((User *)ud, "rcpt", json); }
static void on_reactions(const char *json, const void *ud) { record_each((User *)ud, "react", json); }
static void on_ext(const char *kind, const char *msg_id, const char *array, const void *ud) {
    char json[4096];
    snprintf(json, sizeof json, "{\"id\":\"%s\",\"items\":%s}", msg_id, array);
    record((User *)ud, kind, json);
}
static void on_ext_set(const char *msg_id, const char *array, const void *ud) { on_ext("extset", msg_id, array, ud); }
static void on_ext_deleted(const char *msg_id, const char *array, const void *ud) { on_ext("extdel", msg_id, array, ud); }
static void on_pinned(const char *group_id, const char *msg, bool is_pinned, const char *op_user, const void *ud) {
    static char json[16384];
    snprintf(json, sizeof json, "{\"group\":\"%s\",\"pinned\":%s,\"op\":%s,\"msg\":%s}", group_id, is_pinned ? "true" : "false", op_user, msg);
    record((User *)ud, "pin", json);
}

static void add_extras_listeners(User *u) {
    HuddleSetMsgReadedReceiptCallback(u->h, on_receipt, u);
    HuddleSetMsgExtensionsChangedCallback(u->h, on_ext_set, u);
    HuddleSetMsgExtensionsDeletedCallback(u->h, on_ext_deleted, u);
    HuddleSetMsgReactionsChangedCallback(u->h, on_reactions, u);
    HuddleSetMsgGroupPinnedMessageChangedCallback(u->h, on_pinned, u);
}

static void scenario_message_extras(void) {
    const char *names[] = {"ria", "sol", "tom", "ugo", "val"};
    User *u[5];
    static char msg[8192], plain[8192], dm[8192], item[4096];
    char gid[64], msg_id[128];
    const char *ev, *evs[3];
    MemberPage page;
    Reply *r;

    for (int i = 0; i < 5; i++) {
        u[i] = open_user(names[i], POLL);
        add_extras_listeners(u[i]);
    }
    create_group(u[0],
                 "{\"create_group_param_group_name\":\"Votes\",\"create_group_param_group_type\":0,"
                 "\"create_group_param_group_member_array\":[{\"group_member_info_identifier\":\"sol\",\"group_member_info_member_role\":300},"
                 "{\"group_member_info_identifier\":\"tom\"},{\"group_member_info_identifier\":\"ugo\"},{\"group_member_info_identifier\":\"val\"}]}",
                 gid);
    r = ASYNC(0, HuddleMsgSendMessage, u[0]->h, gid, 2,
              "{\"message_elem_array\":[{\"elem_type\":0,\"text_elem_content\":\"lunch?\"}],"
              "\"message_need_read_receipt\":true,\"message_support_message_extension\":true}",
              NULL);
    snprintf(msg, sizeof msg, "%s", r->json);
    CHECK_FIELD(msg, "message_need_read_receipt", "true");
    CHECK(string_field(msg, "message_msg_id", msg_id, sizeof msg_id));
    static char batch[8300];
    snprintf(batch, sizeof batch, "[%s]", msg);

    /* Three readers of five (the sender does not count): the sender hears each receipt. */
    for (int i = 1; i <= 3; i++) ASYNC(0, HuddleMsgSendMessageReadReceipts, u[i]->h, batch);
    TAKE(u[0], "rcpt", 3, evs);
    CHECK_FIELD(evs[0], "msg_receipt_read_count", "1");
    CHECK_FIELD(evs[2], "msg_receipt_read_count", "3");
    CHECK_FIELD(evs[2], "msg_receipt_unread_count", "1");
    CHECK_FIELD(evs[2], "msg_receipt_conv_type", "2");
    CHECK_FIELD(evs[2], "msg_receipt_msg_id", J("\"%s\"", msg_id));
    pump();
    for (int i = 1; i < 5; i++) CHECK_INT(new_events(u[i], "rcpt"), 0);
    r = ASYNC(0, HuddleMsgGetMessageReadReceipts, u[0]->h, batch);
    CHECK_FIELD(r->json, "msg_receipt_read_count", "3");
    CHECK_FIELD(r->json, "msg_receipt_unread_count", "1");
    read_members(u[0], msg, 0, 0, 2, &page);
    CHECK(strstr(page.members, "\"sol\"") && strstr(page.members, "\"tom\"") && !strstr(page.members, "\"ugo\""));
    CHECK_INT((long long)page.next_seq, 2);
    CHECK(!page.is_finished);
    read_members(u[0], msg, 0, page.next_seq, 2, &page);
    CHECK(strstr(page.members, "\"ugo\"") != NULL);
    CHECK(page.is_finished);
    read_members(u[0], msg, 1, 0, 100, &page);
    CHECK(element(page.members, 0, item, sizeof item));
    CHECK_FIELD(item, "group_member_info_identifier", "\"val\"");
    CHECK(!element(page.members, 1, item, sizeof item));
    /* A failure has no code in Tencent's callback: an empty, finished page. */
    read_members(u[0], msg, 0, 0, 101, &page);
    CHECK_STR(page.members, "[]");
    CHECK(page.is_finished);
    CHECK_INT(HuddleMsgGetGroupMessageReadMemberList(u[0]->h, msg, 2, 0, 10, on_read_members, &page), HUDDLE_ERR_PARAM);
    REFUSED(HUDDLE_ERR_PARAM, HuddleMsgSendMessageReadReceipts, u[1]->h, "{}");
    REFUSED(HUDDLE_ERR_JSON, HuddleMsgSendMessageReadReceipts, u[1]->h, "[");
    r = ASYNC(0, HuddleMsgSendMessage, u[0]->h, gid, 2, text_msg("plain"), NULL);
    snprintf(plain, sizeof plain, "[%s]", r->json);
    ASYNC(HUDDLE_CODE_INVALID_PARAMETERS, HuddleMsgSendMessageReadReceipts, u[1]->h, plain);

    /* C2C: the peer's receipt, then its read mark. */
    r = ASYNC(0, HuddleMsgSendMessage, u[0]->h, "sol", 1,
              "{\"message_elem_array\":[{\"elem_type\":0,\"text_elem_content\":\"psst\"}],\"message_need_read_receipt\":true}", NULL);
    CHECK_FIELD(r->json, "message_receipt_peer_read", "false");
    CHECK(string_field(r->json, "message_msg_id", item, sizeof item));
    /* Sol names it as his view files it: under ria. */
    snprintf(dm, sizeof dm, "[{\"message_conv_id\":\"ria\",\"message_conv_type\":1,\"message_msg_id\":\"%s\"}]", item);
    ASYNC(0, HuddleMsgSendMessageReadReceipts, u[1]->h, dm);
    TAKE(u[0], "rcpt", 1, &ev);
    CHECK_FIELD(ev, "msg_receipt_conv_id", "\"sol\"");
    CHECK_FIELD(ev, "msg_receipt_conv_type", "1");
    CHECK_FIELD(ev, "msg_receipt_is_peer_read", "true");
    r = ASYNC(0, HuddleMsgGetMsgList, u[0]->h, "sol", 1, NULL);
    CHECK_FIELD(r->json, "message_receipt_peer_read", "true");
    ASYNC(0, HuddleMsgReportReaded, u[1]->h, "ria", 1, NULL);
    TAKE(u[0], "rcpt", 1, &ev);
    CHECK_FIELD(ev, "msg_receipt_conv_id", "\"sol\"");
    CHECK_FIELD(ev, "msg_receipt_msg_id", "\"\"");

    /* Extensions: everyone who sees the message hears them. */
    r = ASYNC(0, HuddleMsgSetMessageExtensions, u[2]->h, msg,
              "[{\"message_extension_key\":\"tom\",\"message_extension_value\":\"yes\"}]");
    CHECK_FIELD(r->json, "message_extension_result_code", "0");
    for (int i = 0; i < 5; i++) {
        TAKE(u[i], "extset", 1, &ev);
        CHECK_FIELD(ev, "id", J("\"%s\"", msg_id));
        CHECK_FIELD(ev, "items", "[{\"message_extension_key\":\"tom\",\"message_extension_value\":\"yes\"}]");
    }
    r = ASYNC(0, HuddleMsgGetMessageExtensions, u[4]->h, msg);
    CHECK_STR(r->json, "[{\"message_extension_key\":\"tom\",\"message_extension_value\":\"yes\"}]");
    r = ASYNC(0, HuddleMsgDeleteMessageExtensions, u[0]->h, msg, "[\"tom\",\"nope\"]");
    CHECK(element(r->json, 1, item, sizeof item));
    CHECK_FIELD(item, "message_extension_result_code", "23004");
    TAKE(u[3], "extdel", 1, &ev);
    CHECK_FIELD(ev, "items", "[{\"message_extension_key\":\"tom\"}]");
    ASYNC(HUDDLE_CODE_INVALID_PARAMETERS, HuddleMsgSetMessageExtensions, u[2]->h, msg, "[{\"message_extension_key\":\"\"}]");
    /* Ugo and val both set "seat" from the same copy: the first wins, the
     * second gets 23001 with the value it lost to, and with the message got
     * again (its message_extension_version) succeeds. */
    ASYNC(0, HuddleMsgSetMessageExtensions, u[3]->h, msg, "[{\"message_extension_key\":\"seat\",\"message_extension_value\":\"ugo\"}]");
    r = ASYNC(HUDDLE_CODE_MSG_EXTENSION_CONFLICT, HuddleMsgSetMessageExtensions, u[4]->h, msg,
              "[{\"message_extension_key\":\"seat\",\"message_extension_value\":\"val\"}]");
    CHECK_FIELD(r->json, "message_extension_result_code", "23001");
    CHECK_FIELD(r->json, "message_extension_value", "\"ugo\"");
    r = ASYNC(0, HuddleMsgFindMessages, u[4]->h, J("[\"%s\"]", msg_id));
    CHECK(element(r->json, 0, dm, sizeof dm));
    CHECK_FIELD(dm, "message_extension_version", "3");
    r = ASYNC(0, HuddleMsgSetMessageExtensions, u[4]->h, dm, "[{\"message_extension_key\":\"seat\",\"message_extension_value\":\"val\"}]");
    CHECK_FIELD(r->json, "message_extension_result_code", "0");
    r = ASYNC(0, HuddleMsgGetMessageExtensions, u[0]->h, msg);
    CHECK_STR(r->json, "[{\"message_extension_key\":\"seat\",\"message_extension_value\":\"val\"}]");

    /* Reactions. */
    ASYNC(0, HuddleMsgAddMessageReaction, u[3]->h, msg, "thumbs");
    ASYNC(HUDDLE_CODE_MSG_REACTION_ALREADY_CONTAIN_USER, HuddleMsgAddMessageReaction, u[3]->h, msg, "thumbs");
    ASYNC(HUDDLE_CODE_MSG_REACTION_NOT_CONTAIN_USER, HuddleMsgRemoveMessageReaction, u[4]->h, msg, "thumbs");
    ASYNC(HUDDLE_CODE_MSG_REACTION_NOT_EXISTS, HuddleMsgRemoveMessageReaction, u[4]->h, msg, "cake");
    TAKE(u[0], "react", 1, &ev);
    CHECK_FIELD(ev, "message_reaction_change_info_msg_id", J("\"%s\"", msg_id));
    CHECK_FIELD(ev, "message_reaction_total_user_count", "1");
    r = ASYNC(0, HuddleMsgGetMessageReactions, u[3]->h, batch, 10);
    CHECK_FIELD(r->json, "message_reaction_reacted_by_myself", "true");
    r = ASYNC(0, HuddleMsgGetAllUserListOfMessageReaction, u[0]->h, msg, "thumbs", 0, 10);
    CHECK_FIELD(r->json, "user_profile_identifier", "\"ugo\"");
    CHECK_FIELD(r->json, "message_reaction_user_result_is_finished", "true");
    ASYNC(0, HuddleMsgRemoveMessageReaction, u[3]->h, msg, "thumbs");
    TAKE(u[4], "react", 2, evs);
    CHECK_FIELD(evs[1], "message_reaction_total_user_count", "0");

    /* Pins: the owner and admins; every member hears. */
    ASYNC(HUDDLE_CODE_PERMISSION_DENIED, HuddlePinGroupMessage, u[2]->h, gid, msg, true);
    ASYNC(0, HuddlePinGroupMessage, u[1]->h, gid, msg, true);
    ASYNC(HUDDLE_CODE_GROUP_MESSAGE_ALREADY_PINNED, HuddlePinGroupMessage, u[0]->h, gid, msg, true);
    for (int i = 0; i < 5; i++) {
        TAKE(u[i], "pin", 1, &ev);
        CHECK_FIELD(ev, "group", J("\"%s\"", gid));
        CHECK_FIELD(ev, "pinned", "true");
        CHECK_FIELD(ev, "user_profile_identifier", "\"sol\"");
        CHECK_FIELD(ev, "message_msg_id", J("\"%s\"", msg_id));
    }
    r = ASYNC(0, HuddleGetPinnedGroupMessageList, u[4]->h, gid);
    CHECK_FIELD(r->json, "message_pinner_user_id", "\"sol\"");
    ASYNC(0, HuddlePinGroupMessage, u[0]->h, gid, msg, false);
    TAKE(u[2], "pin", 1, &ev);
    CHECK_FIELD(ev, "pinned", "false");
    r = ASYNC(0, HuddleGetPinnedGroupMessageList, u[4]->h, gid);
    CHECK_STR(r->json, "[]");

    User *const users[] = {u[0], u[1], u[2], u[3], u[4], NULL};
    end_scenario(users);
}


/* ----------------------------------------------------------------- media */

/* A minimal valid PNG, w x h, 8-bit RGB, its zlib stream of stored
 * (uncompressed) deflate blocks: no zlib needed to write one. */
static uint32_t crc32_update(uint32_t c, const unsigned char *p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return c;
}

static void put_be32(unsigned char *p, uint32_t v) {
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

static void png_chunk(FILE *f, const char *type, const unsigned char *data, size_t len) {
    unsigned char be[4];
    put_be32(be, (uint32_t)len);
    fwrite(be, 1, 4, f);
    fwrite(type, 1, 4, f);
    if (len) fwrite(data, 1, len, f);
    uint32_t c = crc32_update(0xFFFFFFFFu, (const unsigned char *)type, 4);
    put_be32(be, crc32_update(c, data, len) ^ 0xFFFFFFFFu);
    fwrite(be, 1, 4, f);
}

static bool write_png(const char *path, uint32_t w, uint32_t h) {
    size_t row = 1 + 3 * (size_t)w, raw_len = row * h;
    unsigned char *raw = malloc(raw_len), *z = malloc(raw_len + raw_len / 65535 * 5 + 16);
    FILE *f = fopen(path, "wb");
    if (raw == NULL || z == NULL || f == NULL) return false;
    for (uint32_t y = 0; y < h; y++) {
        raw[y * row] = 0; /* filter: none */
        for (uint32_t x = 0; x < w; x++) {
            unsigned char *px = raw + y * row + 1 + 3 * x;
            px[0] = (unsigned char)x, px[1] = (unsigned char)y, px[2] = (unsigned char)(x ^ y);
        }
    }
    size_t n = 0;
    z[n++] = 0x78, z[n++] = 0x01;
    uint32_t a = 1, b = 0;
    for (size_t at = 0; at < raw_len;) {
        size_t len = raw_len - at > 65535 ? 65535 : raw_len - at;
        z[n++] = at + len == raw_len;
        z[n++] = (unsigned char)len, z[n++] = (unsigned char)(len >> 8);
        z[n++] = (unsigned char)~len, z[n++] = (unsigned char)(~len >> 8);
        memcpy(z + n, raw + at, len);
        n += len;
        for (size_t i = at; i < at + len; i++) a = (a + raw[i]) % 65521, b = (b + a) % 65521;
        at += len;
    }
    put_be32(z + n, (b << 16) | a);
    n += 4;
    unsigned char ihdr[13] = {0, 0, 0, 0, 0, 0, 0, 0, 8, 2, 0, 0, 0};
    put_be32(ihdr, w);
    put_be32(ihdr + 4, h);
    fwrite("\x89PNG\r\n\x1a\n", 1, 8, f);
    png_chunk(f, "IHDR", ihdr, sizeof ihdr);
    png_chunk(f, "IDAT", z, n);
    png_chunk(f, "IEND", NULL, 0);
    free(raw);
    free(z);
    return fclose(f) == 0;
}

/* A file of `len` bytes that are not all alike. */
static bool write_data(const char *path, size_t len) {
    static unsigned char buf[65536];
    FILE *f = fopen(path, "wb");
    if (f == NULL) return false;
    for (size_t at = 0; at < len;) {
        size_t n = len - at < sizeof buf ? len - at : sizeof buf;
        for (size_t i = 0; i < n; i++) buf[i] = (unsigned char)(((at + i) * 2654435761u) >> 13);
        fwrite(buf, 1, n, f);
        at += n;
    }
    return fclose(f) == 0;
}

static bool same_bytes(const char *p, const char *q) {
    static unsigned char a[65536], b[65536];
    FILE *f = fopen(p, "rb"), *g = fopen(q, "rb");
    bool same = f != NULL && g != NULL;
    while (same) {
        size_t n = fread(a, 1, sizeof a, f), m = fread(b, 1, sizeof b, g);
        same = n == m && memcmp(a, b, n) == 0;
        if (n == 0) break;
    }
    if (f) fclose(f);
    if (g) fclose(g);
    return same;
}

static long file_size(const char *path) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) return -1;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fclose(f);
    return n;
}

/* What the upload progress listener heard, per elem index. */
typedef struct {
    int calls;
    bool fell;
    bool named;
    uint32_t cur[4], total[4];
} Progress;

static void on_progress(const char *json_msg, uint32_t index, uint32_t cur, uint32_t total, const void *user_data) {
    Progress *p = (Progress *)user_data;
    pthread_mutex_lock(&mu);
    p->calls++;
    p->named = p->named || strstr(json_msg, "\"message_msg_id\"") != NULL;
    if (index < 4) {
        p->fell = p->fell || cur < p->cur[index];
        p->cur[index] = cur;
        p->total[index] = total;
    }
    pthread_mutex_unlock(&mu);
}

static bool has_media_message(const void *arg) {
    const User *u = arg;
    for (size_t i = 0; i < u->nevents && i < MAX_EVENTS; i++)
        if (strcmp(u->events[i].kind, "msg") == 0 && strstr(u->events[i].json, "file_elem_file_id") != NULL) return true;
    return false;
}

/* Waits as long as a 20 MB upload may take under valgrind. */
static bool wait_long(Pred pred, const void *arg) {
    for (int i = 0; i < 30; i++)
        if (wait_for(pred, arg)) return true;
    return false;
}

#define MEDIA_FILE_BYTES (20u * 1024 * 1024)

static void scenario_media(void) {
    User *ann = open_user("ann", POLL);
    User *ben = open_user("ben", POLL);
    add_listeners(ben);
    static Progress progress;
    char dir[] = "/tmp/huddle-c-media-XXXXXX";
    char file[128], png[128], copy_path[128], thumb_path[128], msg_id[HUDDLE_MESSAGE_ID_BUFFER_LEN] = "";
    char msg[16384] = "", id[128], thumb_id[128];
    Reply *r;

    CHECK(mkdtemp(dir) != NULL);
    snprintf(file, sizeof file, "%s/match.replay", dir);
    snprintf(png, sizeof png, "%s/shot.png", dir);
    snprintf(copy_path, sizeof copy_path, "%s/copy.replay", dir);
    snprintf(thumb_path, sizeof thumb_path, "%s/thumb.png", dir);
    CHECK(write_data(file, MEDIA_FILE_BYTES));
    CHECK(write_png(png, 400, 300));

    HuddleSetMsgElemUploadProgressCallback(ann->h, on_progress, &progress);
    new_reply();
    int32_t sent = HuddleMsgSendMessage(ann->h, "ben", 1,
                                        J("{\"message_elem_array\":[{\"elem_type\":4,\"file_elem_file_path\":\"%s\"},"
                                          "{\"elem_type\":1,\"image_elem_orig_path\":\"%s\",\"image_elem_level\":0}]}",
                                          file, png),
                                        msg_id, on_reply, &replies[nreplies - 1]);
    r = &replies[nreplies - 1];
    r->expect_calls = sent == HUDDLE_SUCC;
    CHECK_INT(sent, HUDDLE_SUCC);
    CHECK(msg_id[0] != '\0');
    CHECK(wait_long(reply_came, r));
    CHECK_INT(r->code, 0);

    /* Progress rose to 100% for both files, before the send's callback. */
    pump();
    CHECK(progress.calls > 2);
    CHECK(progress.named);
    CHECK(!progress.fell);
    CHECK_INT(progress.total[0], MEDIA_FILE_BYTES);
    CHECK_INT(progress.cur[0], MEDIA_FILE_BYTES);
    CHECK(progress.total[1] > 0 && progress.cur[1] == progress.total[1]);

    /* Ben gets IDs, sizes, URLs and the image's three sizes, not ann's paths. */
    CHECK(wait_long(has_media_message, ben));
    pthread_mutex_lock(&mu);
    for (size_t i = 0; i < ben->nevents && i < MAX_EVENTS; i++)
        if (strcmp(ben->events[i].kind, "msg") == 0 && strstr(ben->events[i].json, "file_elem_file_id") != NULL)
            snprintf(msg, sizeof msg, "%s", ben->events[i].json);
    pthread_mutex_unlock(&mu);
    CHECK_FIELD(msg, "file_elem_file_size", J("%u", MEDIA_FILE_BYTES));
    CHECK_FIELD(msg, "file_elem_file_name", "\"match.replay\"");
    CHECK(strstr(msg, "_path\"") == NULL);
    CHECK_FIELD(msg, "image_elem_format", "3");
    CHECK_FIELD(msg, "image_elem_orig_pic_width", "400");
    CHECK_FIELD(msg, "image_elem_thumb_pic_height", "198");
    CHECK_FIELD(msg, "image_elem_thumb_pic_width", "264");

    /* The file comes back byte for byte; the thumbnail is Tencent's size. */
    CHECK(string_field(msg, "file_elem_file_id", id, sizeof id));
    r = ASYNC(0, HuddleMsgDownloadElemToPath, ben->h, J("{\"msg_download_elem_param_type\":1,\"msg_download_elem_param_id\":\"%s\"}", id),
              copy_path);
    CHECK_FIELD(r->json, "msg_download_elem_result_total_size", J("%u", MEDIA_FILE_BYTES));
    CHECK(same_bytes(file, copy_path));
    CHECK(string_field(msg, "image_elem_thumb_id", thumb_id, sizeof thumb_id));
    ASYNC(0, HuddleMsgDownloadElemToPath, ben->h, J("{\"msg_download_elem_param_id\":\"%s\"}", thumb_id), thumb_path);
    char thumb_size[32];
    CHECK(field(msg, "image_elem_thumb_pic_size", thumb_size, sizeof thumb_size));
    CHECK_INT(file_size(thumb_path), atol(thumb_size));
    FILE *t = fopen(thumb_path, "rb");
    unsigned char head[24] = {0};
    CHECK(t != NULL && fread(head, 1, sizeof head, t) == sizeof head);
    if (t) fclose(t);
    CHECK(memcmp(head, "\x89PNG", 4) == 0);
    CHECK_INT(((uint32_t)head[16] << 24) | ((uint32_t)head[17] << 16) | ((uint32_t)head[18] << 8) | head[19], 264);
    CHECK_INT(((uint32_t)head[20] << 24) | ((uint32_t)head[21] << 16) | ((uint32_t)head[22] << 8) | head[23], 198);

    /* No such file: 6009, and nothing written; a sent message cannot be
     * cancelled; a message without a merge elem has no list to download. */
    ASYNC(HUDDLE_CODE_FILE_TRANS_DOWNLOAD_FAILED, HuddleMsgDownloadElemToPath, ben->h,
          "{\"msg_download_elem_param_id\":\"0000000000000000000000000000000000000000000000000000000000000000\"}",
          J("%s/none", dir));
    CHECK(file_size(J("%s/none", dir)) < 0);
    ASYNC(HUDDLE_CODE_INVALID_CANCEL_MESSAGE, HuddleMsgCancelSend, ann->h, "ben", 1, msg_id);
    REFUSED(HUDDLE_ERR_PARAM, HuddleMsgDownloadMergerMessage, ben->h, msg);
    /* A file that is not there: 7004, and nothing is sent. */
    ASYNC(HUDDLE_CODE_FILE_NOT_FOUND, HuddleMsgSendMessage, ann->h, "ben", 1,
          J("{\"message_elem_array\":[{\"elem_type\":4,\"file_elem_file_path\":\"%s/missing\"}]}", dir), NULL);
    HuddleSetMsgElemUploadProgressCallback(ann->h, NULL, NULL);

    unlink(file);
    unlink(png);
    unlink(copy_path);
    unlink(thumb_path);
    rmdir(dir);
    User *users[] = {ann, ben, NULL};
    end_scenario(users);
}

int main(void) {
    static const struct {
        const char *name;
        void (*run)(void);
    } scenarios[] = {
        {"quickstart", scenario_quickstart},
        {"misuse", scenario_misuse},
        {"thread mode", scenario_thread_mode},
        {"re-entrancy", scenario_reentrancy},
        {"uninit with calls in flight", scenario_uninit},
        {"group profile", scenario_profile},
        {"members, roles, mute", scenario_members},
        {"owner transfer", scenario_owner_transfer},
        {"mute allowlist", scenario_mute_allowlist},
        {"member limits", scenario_member_limits},
        {"kick and ban", scenario_kick},
        {"admin lists", scenario_admin_lists},
        {"messages and conversations", scenario_conversation},
        {"user profiles", scenario_user_profiles},
        {"receive options, marks, unread", scenario_receive_options},
        {"group attributes and counters", scenario_attributes},
        {"delete, edit, find, search", scenario_message_edits},
        {"community topics, search, marks", scenario_topics},
        {"chat rooms", scenario_chatroom},
        {"receipts, extensions, reactions", scenario_message_extras},
        {"media", scenario_media},
    };
    main_thread = pthread_self();
    for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++) {
        int before = failed;
        scenarios[i].run();
        printf("%-32s %s\n", scenarios[i].name, failed == before ? "ok" : "FAILED");
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
