package com.huddle;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One Huddle client (HuddleInit .. HuddleUninit) over libhuddle's C API,
 * Tencent Cloud IM's shape. Parameters are maps with Tencent's JSON keys
 * (huddle.h documents each function); results are parsed JSON ({@link Json}).
 *
 * <p>Every call returns a {@link CompletableFuture} that completes with the
 * result, or fails with {@link HuddleException}: at once when the library
 * refuses the call, later when its callback reports an error code.
 *
 * <p>Threads: the client runs in the library's "thread" mode. Results and
 * listeners run on the client's library dispatcher thread, one at a time and
 * in order; JNA attaches that thread to the JVM on the first callback. Do
 * not block it waiting for another call of the same client (use
 * {@code thenCompose}, or wait from your own thread). The native callbacks
 * are static fields of this class, so they are never collected while the
 * library holds their pointers, and each decodes its UTF-8 strings before
 * it returns. Strings go in as UTF-8 the binding encodes itself, whatever
 * the JVM's default charset.
 */
public final class Client implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("com.huddle");
    private static final HuddleLibrary LIB = HuddleLibrary.INSTANCE;

    /** Call tokens to their futures; client tokens to their clients. */
    private static final AtomicLong TOKENS = new AtomicLong();
    private static final Map<Long, Pending> PENDING = new ConcurrentHashMap<>();
    private static final Map<Long, Client> CLIENTS = new ConcurrentHashMap<>();

    private static final class Pending {
        final String call;
        final CompletableFuture<Object> future;

        Pending(String call, CompletableFuture<Object> future) {
            this.call = call;
            this.future = future;
        }
    }

    // Strongly held for the life of the class: the library keeps these pointers.
    private static final HuddleLibrary.CommCallback ON_COMM = (code, desc, json, userData) -> {
        Pending p = PENDING.remove(Pointer.nativeValue(userData));
        if (p == null) return;
        try {
            if (code == 0) p.future.complete(Json.parse(utf8(json)));
            else p.future.completeExceptionally(new HuddleException(p.call, code, utf8(desc)));
        } catch (RuntimeException e) {
            p.future.completeExceptionally(e);
        }
    };
    private static final HuddleLibrary.JsonCallback ON_TIP = (json, userData) -> deliver(userData, json, c -> c.tipListeners);
    private static final HuddleLibrary.JsonCallback ON_MESSAGES = (json, userData) -> deliver(userData, json, c -> c.messageListeners);

    private final long token = TOKENS.incrementAndGet();
    private final List<Consumer<Object>> tipListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Object>> messageListeners = new CopyOnWriteArrayList<>();
    private volatile Pointer handle;

    /** A client of the process's embedded engine. */
    public Client() {
        this(Map.of());
    }

    /**
     * A client with HuddleInit's config keys: {@code sdk_config_server_url}
     * ("ws://host:port") for a huddle-server; without it the embedded engine,
     * which every client of the process shares.
     */
    public Client(Map<String, ?> config) {
        PointerByReference out = new PointerByReference();
        int code = LIB.HuddleInit(c(Json.write(config)), out);
        if (code != 0) throw new HuddleException("HuddleInit", code, resultString(code));
        handle = out.getValue();
        CLIENTS.put(token, this);
        Pointer me = new Pointer(token);
        LIB.HuddleSetGroupTipsEventCallback(handle, ON_TIP, me);
        LIB.HuddleAddRecvNewMsgCallback(handle, ON_MESSAGES, me);
    }

    /** The library's version, "x.y.z". */
    public static String version() {
        return utf8(LIB.HuddleGetSDKVersion());
    }

    /** The library's English sentence for any sync or async code. */
    public static String resultString(int code) {
        return utf8(LIB.HuddleResultString(code));
    }

    /**
     * HuddleUninit: every call still owed completes (with its result, or
     * 6013) before this returns, and no listener runs after.
     */
    @Override
    public void close() {
        Pointer h;
        synchronized (this) {
            h = handle;
            handle = null;
        }
        if (h == null) return;
        LIB.HuddleUninit(h);
        CLIENTS.remove(token);
    }

    /** Calls {@code listener} with each group tip (a map of group_tips_elem_* keys). */
    @SuppressWarnings("unchecked")
    public void onGroupTip(Consumer<Map<String, Object>> listener) {
        tipListeners.add(v -> listener.accept((Map<String, Object>) v));
    }

    /**
     * Calls {@code listener} with each batch of new messages (maps of message_*
     * keys); group tips come here too, as messages whose elem has elem_type 5.
     */
    @SuppressWarnings("unchecked")
    public void onNewMessages(Consumer<List<Map<String, Object>>> listener) {
        messageListeners.add(v -> listener.accept((List<Map<String, Object>>) v));
    }

    private static void deliver(Pointer userData, Pointer json, java.util.function.Function<Client, List<Consumer<Object>>> pick) {
        Client client = CLIENTS.get(Pointer.nativeValue(userData));
        if (client == null) return;
        Object value;
        try {
            value = Json.parse(utf8(json));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "huddle: a listener got invalid JSON", e);
            return;
        }
        for (Consumer<Object> listener : pick.apply(client)) {
            try {
                listener.accept(value);
            } catch (Throwable e) { // nothing may unwind into the library
                LOG.log(Level.WARNING, "huddle: a listener threw", e);
            }
        }
    }

    private static String utf8(Pointer p) {
        return p == null ? null : p.getString(0, StandardCharsets.UTF_8.name());
    }

    @FunctionalInterface
    private interface NativeCall {
        int call(Pointer client, HuddleLibrary.CommCallback cb, Pointer userData);
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> call(String name, NativeCall nativeCall) {
        CompletableFuture<Object> future = new CompletableFuture<>();
        long t = TOKENS.incrementAndGet();
        PENDING.put(t, new Pending(name, future)); // before the call: the callback may run first
        int code = nativeCall.call(handle, ON_COMM, new Pointer(t));
        if (code != 0) {
            PENDING.remove(t);
            future.completeExceptionally(new HuddleException(name, code, resultString(code)));
        }
        return (CompletableFuture<T>) future;
    }

    public CompletableFuture<Map<String, Object>> login(String userId, String userSig) {
        return call("HuddleLogin", (h, cb, ud) -> LIB.HuddleLogin(h, c(userId), c(userSig), cb, ud));
    }

    public CompletableFuture<Map<String, Object>> logout() {
        return call("HuddleLogout", (h, cb, ud) -> LIB.HuddleLogout(h, cb, ud));
    }

    /** The logged-in user's ID, or null when nobody is. */
    public String loginUserId() {
        byte[] buf = new byte[256];
        int code = LIB.HuddleGetLoginUserID(handle, buf, new HuddleLibrary.SizeT(buf.length));
        if (code == -2) return null;
        if (code != 0) throw new HuddleException("HuddleGetLoginUserID", code, resultString(code));
        return cString(buf);
    }

    /** 1 logged in, 2 logging in, 3 logged out, 4 logging out. */
    public int loginStatus() {
        return LIB.HuddleGetLoginStatus(handle);
    }

    public CompletableFuture<Map<String, Object>> groupCreate(Map<String, ?> params) {
        return call("HuddleGroupCreate", (h, cb, ud) -> LIB.HuddleGroupCreate(h, c(Json.write(params)), cb, ud));
    }

    public CompletableFuture<Map<String, Object>> groupDelete(String groupId) {
        return call("HuddleGroupDelete", (h, cb, ud) -> LIB.HuddleGroupDelete(h, c(groupId), cb, ud));
    }

    /** Completes with {@code group_join_result_status}: 0 joined, 1 waiting for approval, 2 already a member. */
    public CompletableFuture<Map<String, Object>> groupJoin(String groupId, String helloMsg) {
        return call("HuddleGroupJoin", (h, cb, ud) -> LIB.HuddleGroupJoin(h, c(groupId), c(helloMsg), cb, ud));
    }

    public CompletableFuture<Map<String, Object>> groupQuit(String groupId) {
        return call("HuddleGroupQuit", (h, cb, ud) -> LIB.HuddleGroupQuit(h, c(groupId), cb, ud));
    }

    public CompletableFuture<List<Object>> groupInviteMember(Map<String, ?> params) {
        return call("HuddleGroupInviteMember", (h, cb, ud) -> LIB.HuddleGroupInviteMember(h, c(Json.write(params)), cb, ud));
    }

    public CompletableFuture<List<Object>> groupDeleteMember(Map<String, ?> params) {
        return call("HuddleGroupDeleteMember", (h, cb, ud) -> LIB.HuddleGroupDeleteMember(h, c(Json.write(params)), cb, ud));
    }

    public CompletableFuture<List<Map<String, Object>>> groupGetJoinedGroupList() {
        return call("HuddleGroupGetJoinedGroupList", (h, cb, ud) -> LIB.HuddleGroupGetJoinedGroupList(h, cb, ud));
    }

    public CompletableFuture<List<Map<String, Object>>> groupGetGroupInfoList(List<String> groupIds) {
        return call("HuddleGroupGetGroupInfoList", (h, cb, ud) -> LIB.HuddleGroupGetGroupInfoList(h, c(Json.write(groupIds)), cb, ud));
    }

    public CompletableFuture<Map<String, Object>> groupModifyGroupInfo(Map<String, ?> params) {
        return call("HuddleGroupModifyGroupInfo", (h, cb, ud) -> LIB.HuddleGroupModifyGroupInfo(h, c(Json.write(params)), cb, ud));
    }

    public CompletableFuture<Map<String, Object>> groupGetMemberInfoList(Map<String, ?> params) {
        return call("HuddleGroupGetMemberInfoList", (h, cb, ud) -> LIB.HuddleGroupGetMemberInfoList(h, c(Json.write(params)), cb, ud));
    }

    public CompletableFuture<Map<String, Object>> groupModifyMemberInfo(Map<String, ?> params) {
        return call("HuddleGroupModifyMemberInfo", (h, cb, ud) -> LIB.HuddleGroupModifyMemberInfo(h, c(Json.write(params)), cb, ud));
    }

    public CompletableFuture<Map<String, Object>> groupGetPendencyList(Map<String, ?> option) {
        return call("HuddleGroupGetPendencyList", (h, cb, ud) -> LIB.HuddleGroupGetPendencyList(h, c(Json.write(option)), cb, ud));
    }

    public CompletableFuture<Map<String, Object>> groupHandlePendency(Map<String, ?> params) {
        return call("HuddleGroupHandlePendency", (h, cb, ud) -> LIB.HuddleGroupHandlePendency(h, c(Json.write(params)), cb, ud));
    }

    /** A message being sent: its ID, known at once, and the sent message, once the library has it. */
    public static final class Sending {
        public final String messageId;
        public final CompletableFuture<Map<String, Object>> sent;

        Sending(String messageId, CompletableFuture<Map<String, Object>> sent) {
            this.messageId = messageId;
            this.sent = sent;
        }
    }

    /** Sends {@code message} (a map with message_elem_array); convType 1 C2C (a user ID), 2 group. */
    public Sending sendMessage(String convId, int convType, Map<String, ?> message) {
        byte[] id = new byte[HuddleLibrary.MESSAGE_ID_BUFFER_LEN];
        CompletableFuture<Map<String, Object>> sent = call("HuddleMsgSendMessage",
                (h, cb, ud) -> LIB.HuddleMsgSendMessage(h, c(convId), convType, c(Json.write(message)), id, cb, ud));
        return new Sending(sent.isCompletedExceptionally() ? null : cString(id), sent);
    }

    /** Sends one text elem to a group. */
    public Sending sendText(String groupId, String text) {
        return sendMessage(groupId, 2, Map.of("message_elem_array", List.of(Map.of("elem_type", 0, "text_elem_content", text))));
    }

    /** History, newest first; {@code params} may be null (the newest 20). */
    public CompletableFuture<List<Map<String, Object>>> getMsgList(String convId, int convType, Map<String, ?> params) {
        return call("HuddleMsgGetMsgList", (h, cb, ud) -> LIB.HuddleMsgGetMsgList(h, c(convId), convType, params == null ? null : c(Json.write(params)), cb, ud));
    }

    public CompletableFuture<Map<String, Object>> revoke(String convId, int convType, Map<String, ?> message) {
        return call("HuddleMsgRevoke", (h, cb, ud) -> LIB.HuddleMsgRevoke(h, c(convId), convType, c(Json.write(message)), cb, ud));
    }

    public CompletableFuture<Map<String, Object>> reportReaded(String convId, int convType, Map<String, ?> message) {
        return call("HuddleMsgReportReaded", (h, cb, ud) -> LIB.HuddleMsgReportReaded(h, c(convId), convType, message == null ? null : c(Json.write(message)), cb, ud));
    }

    public CompletableFuture<List<Map<String, Object>>> getConvList() {
        return call("HuddleConvGetConvList", (h, cb, ud) -> LIB.HuddleConvGetConvList(h, cb, ud));
    }

    /** NUL-terminated UTF-8, or null for null. */
    private static byte[] c(String s) {
        if (s == null) return null;
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(utf8, utf8.length + 1);
    }

    private static String cString(byte[] buf) {
        int end = 0;
        while (end < buf.length && buf[end] != 0) end++;
        return new String(buf, 0, end, StandardCharsets.UTF_8);
    }
}
