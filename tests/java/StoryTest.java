import com.huddle.Client;
import com.huddle.HuddleException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The two-user group story through bindings/java (JNA): on the embedded engine,
 * then on huddle-server when HUDDLE_TEST_SERVER_URL names one. Exits non-zero
 * on the first failed check.
 */
public final class StoryTest {
    static final String HELLO = "héllo 世界";
    static final String REPLY = "bienvenue, 朋友 🎲";
    static final long TIMEOUT_MS = 10_000;

    static final int INVITE = 1, QUIT = 2, GROUP_CREATED = 12, JOIN_REQUEST = 14;

    static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }

    static <T> T ok(CompletableFuture<T> future) throws Exception {
        return future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    static long num(Object o) {
        return ((Number) o).longValue();
    }

    /** What one client hears, recorded from the library's dispatcher thread. */
    static final class Watcher {
        final List<Map<String, Object>> tips = new ArrayList<>();
        final List<Map<String, Object>> messages = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();

        Watcher(Client client) {
            client.onGroupTip(tip -> {
                synchronized (this) {
                    tips.add(tip);
                    threads.add(Thread.currentThread());
                    notifyAll();
                }
            });
            client.onNewMessages(batch -> {
                synchronized (this) {
                    messages.addAll(batch);
                    notifyAll();
                }
            });
        }

        synchronized Map<String, Object> await(List<Map<String, Object>> in, Predicate<Map<String, Object>> match, String what)
                throws InterruptedException {
            long deadline = System.currentTimeMillis() + TIMEOUT_MS;
            while (true) {
                for (Map<String, Object> item : in) if (match.test(item)) return item;
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) throw new AssertionError("timed out waiting for " + what + "; have " + in);
                wait(left);
            }
        }

        Map<String, Object> tip(int type, String group, String opUser) throws InterruptedException {
            return await(tips, t -> num(t.get("group_tips_elem_tip_type")) == type && group.equals(t.get("group_tips_elem_group_id"))
                    && opUser.equals(t.get("group_tips_elem_op_user")), "tip " + type + " by " + opUser);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> text(String group, String text) throws InterruptedException {
            return await(messages, m -> {
                List<Map<String, Object>> elems = (List<Map<String, Object>>) m.get("message_elem_array");
                return group.equals(m.get("message_conv_id")) && num(elems.get(0).get("elem_type")) == 0
                        && text.equals(elems.get(0).get("text_elem_content"));
            }, "text " + text);
        }
    }

    @SuppressWarnings("unchecked")
    static void story(Client alice, Client bob) throws Exception {
        Watcher a = new Watcher(alice), b = new Watcher(bob);
        ok(alice.login("alice", null));
        ok(bob.login("bob", null));
        check("alice".equals(alice.loginUserId()), "alice is logged in");

        String group = (String) ok(alice.groupCreate(Map.of(
                "create_group_param_group_name", "Guild 公会",
                "create_group_param_group_type", 0,     // Public
                "create_group_param_add_option", 1)))  // Auth: joins need approval
                .get("create_group_result_groupid");
        check(group.startsWith("@TGS#"), "a generated group ID");
        a.tip(GROUP_CREATED, group, "alice");

        Map<String, Object> joined = ok(bob.groupJoin(group, "let me in, s'il vous plaît"));
        check(num(joined.get("group_join_result_status")) == 1, "bob waits for approval: " + joined);
        Map<String, Object> request = a.tip(JOIN_REQUEST, group, "bob");
        check(List.of("bob").equals(request.get("group_tips_elem_user_array")), "the request names bob");

        List<Map<String, Object>> pendencies = (List<Map<String, Object>>) ok(alice.groupGetPendencyList(Map.of()))
                .get("group_pendency_result_pendency_array");
        Map<String, Object> mine = pendencies.stream()
                .filter(p -> group.equals(p.get("group_pendency_group_id")) && "bob".equals(p.get("group_pendency_form_identifier")))
                .findFirst().orElseThrow(() -> new AssertionError("bob's request is pending: " + pendencies));
        ok(alice.groupHandlePendency(Map.of(
                "group_handle_pendency_param_is_accept", true,
                "group_handle_pendency_param_handle_msg", "bienvenue",
                "group_handle_pendency_param_pendency", mine)));
        for (Watcher w : List.of(a, b)) {
            Map<String, Object> tip = w.tip(INVITE, group, "alice");
            check(num(tip.get("group_tips_elem_join_type")) == 1, "joined by approval");
            check(List.of("bob").equals(tip.get("group_tips_elem_user_array")), "bob joined");
            check(num(tip.get("group_tips_elem_member_num")) == 2, "two members");
        }

        Client.Sending sending = bob.sendText(group, HELLO);
        check(sending.messageId != null && !sending.messageId.isEmpty(), "the message ID at once");
        check(sending.messageId.equals(ok(sending.sent).get("message_msg_id")), "the echo has the same ID");
        Map<String, Object> got = a.text(group, HELLO);
        check("bob".equals(got.get("message_sender")), "from bob");

        ok(alice.sendText(group, REPLY).sent);
        check("alice".equals(b.text(group, REPLY).get("message_sender")), "from alice");

        List<Map<String, Object>> history = ok(alice.getMsgList(group, 2, Map.of("msg_getmsglist_param_count", 10)));
        List<Object> texts = new ArrayList<>();
        for (Map<String, Object> m : history.subList(0, 2))
            texts.add(((List<Map<String, Object>>) m.get("message_elem_array")).get(0).get("text_elem_content"));
        check(List.of(REPLY, HELLO).equals(texts), "history, newest first: " + texts);

        ok(bob.groupQuit(group));
        for (Watcher w : List.of(a, b)) {
            Map<String, Object> tip = w.tip(QUIT, group, "bob");
            check(num(tip.get("group_tips_elem_member_num")) == 1, "one member left");
        }
        for (Map<String, Object> g : ok(bob.groupGetJoinedGroupList()))
            check(!group.equals(g.get("group_base_info_group_id")), "bob is out");

        synchronized (a) {
            for (Thread t : a.threads) check(t != Thread.currentThread(), "listeners run on the library's thread");
        }
        ok(alice.logout());
        ok(bob.logout());
    }

    static void failures() throws Exception {
        Client erin = new Client();
        expectCode(erin.groupCreate(Map.of("create_group_param_group_name", "early")), -2);
        ok(erin.login("erin", null));
        expectCode(erin.groupJoin("@TGS#nosuchgroup", null), 10010);
        CompletableFuture<Map<String, Object>> owed = erin.logout();
        erin.close();
        check(owed.isDone(), "close completes what is owed");
        expectCode(erin.logout(), -1);
    }

    static void expectCode(CompletableFuture<?> future, int code) throws Exception {
        try {
            future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            throw new AssertionError("expected " + code);
        } catch (ExecutionException e) {
            check(e.getCause() instanceof HuddleException && ((HuddleException) e.getCause()).code() == code,
                    "expected code " + code + ", got " + e.getCause());
        }
    }

    public static void main(String[] args) throws Exception {
        check(Client.version().matches("\\d+\\.\\d+\\.\\d+"), "a version");
        try (Client alice = new Client(); Client bob = new Client()) {
            story(alice, bob);
        }
        System.out.println("ok - the story on the embedded engine");
        failures();
        System.out.println("ok - refusals and failures");
        String url = System.getenv("HUDDLE_TEST_SERVER_URL");
        if (url != null) {
            Map<String, Object> config = Map.of("sdk_config_server_url", url);
            try (Client alice = new Client(config); Client bob = new Client(config)) {
                story(alice, bob);
            }
            System.out.println("ok - the story on huddle-server");
        }
    }
}
