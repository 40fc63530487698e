/*
 * huddle.hpp: a header-only C++17 wrapper of huddle.h.
 *
 * huddle::Client owns one HuddleClient: it is move-only and its destructor
 * calls HuddleUninit, which runs every callback still owed (with 6013 where
 * the call had not finished) before it returns.
 *
 * Every asynchronous C function is a method of the same name without
 * "Huddle", in two forms:
 * - with a callable last, invoked once as cb(int32_t code, std::string_view
 *   desc, std::string_view json_params); the views are valid only during the
 *   call, so copy what you keep;
 * - without it, returning a std::future<std::string> of json_params that
 *   throws huddle::Error when the code is not 0.
 * Both throw huddle::Error at once when the library refuses the call
 * synchronously (HUDDLE_ERR_*); the callback then never runs. An optional
 * JSON argument left empty is passed as NULL, the C function's default.
 *
 * Callables run where the library runs callbacks: on the client's dispatcher
 * thread ("thread" mode) or inside Poll ("poll" mode). They must not throw:
 * an exception cannot cross the C library, so it ends the program
 * (std::terminate). JSON goes in and out as strings, with the keys of huddle.h.
 * native_handle() gives the C handle for anything not wrapped here.
 */
#ifndef HUDDLE_HPP
#define HUDDLE_HPP

#include "huddle.h"

#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace huddle {

/** conv_type values (Tencent's kTIMConv_C2C and kTIMConv_Group), which huddle.h names nowhere. */
inline constexpr int32_t kConvC2C = 1;
inline constexpr int32_t kConvGroup = 2;

/** A refused call: code() is a HUDDLE_ERR_* (sync) or HUDDLE_CODE_* (async) number. */
class Error : public std::runtime_error {
 public:
  Error(int32_t code, std::string desc, std::string json = "{}")
      : std::runtime_error("huddle error " + std::to_string(code) + ": " + desc),
        code_(code),
        desc_(std::move(desc)),
        json_(std::move(json)) {}

  int32_t code() const noexcept { return code_; }
  const std::string& desc() const noexcept { return desc_; }
  /** json_params of a failed asynchronous call: some calls report partial results (invite, 10014). */
  const std::string& json() const noexcept { return json_; }

 private:
  int32_t code_;
  std::string desc_;
  std::string json_;
};

/** Throws huddle::Error for a non-zero synchronous result. */
inline void Check(int32_t result) {
  if (result != HUDDLE_SUCC) {
    throw Error(result, HuddleResultString(result));
  }
}

inline std::string_view GetSDKVersion() noexcept { return HuddleGetSDKVersion(); }

inline std::string_view ResultString(int32_t code) noexcept { return HuddleResultString(code); }

/** A user_sig for tests and tools (see HuddleGenUserSig): a shipped app gets them from its server. */
inline std::string GenUserSig(std::string_view secret_key, uint64_t sdk_app_id, std::string_view user_id,
                              uint64_t expire_seconds) {
  char buf[512];
  Check(HuddleGenUserSig(std::string(secret_key).c_str(), sdk_app_id, std::string(user_id).c_str(),
                         expire_seconds, buf, sizeof buf));
  return buf;
}

namespace detail {

/** The callable of one call, on the heap as the call's user_data; Run deletes it. */
template <typename F>
struct Pending {
  F fn;

  static void Run(int32_t code, const char* desc, const char* json, const void* user_data) noexcept {
    std::unique_ptr<Pending> self(static_cast<Pending*>(const_cast<void*>(user_data)));
    self->fn(code, std::string_view(desc), std::string_view(json));
  }
};

/** The callable of one HuddleMsgGetGroupMessageReadMemberList, which has a callback of its own (Tencent's). */
template <typename F>
struct PendingPage {
  F fn;

  static void Run(const char* json, uint64_t next_seq, bool is_finished, const void* user_data) noexcept {
    std::unique_ptr<PendingPage> self(static_cast<PendingPage*>(const_cast<void*>(user_data)));
    self->fn(std::string_view(json), next_seq, is_finished);
  }
};

/** The callable behind the future-returning methods. */
struct Promise {
  std::promise<std::string> promise;

  void operator()(int32_t code, std::string_view desc, std::string_view json) {
    if (code == 0) {
      promise.set_value(std::string(json));
    } else {
      promise.set_exception(std::make_exception_ptr(Error(code, std::string(desc), std::string(json))));
    }
  }
};

/**
 * One event listener. The C library gets the slot's stable address once; the
 * function behind it can be swapped from any thread while the dispatcher runs
 * the old one, which the shared_ptr keeps alive until it returns.
 */
template <typename Sig>
class Slot {
 public:
  void Set(std::function<Sig> fn) {
    std::shared_ptr<const std::function<Sig>> next;
    if (fn) {
      next = std::make_shared<const std::function<Sig>>(std::move(fn));
    }
    std::lock_guard<std::mutex> lock(mutex_);
    fn_.swap(next);
  }

  template <typename... Args>
  static void Fire(const void* slot, Args... args) noexcept {
    std::shared_ptr<const std::function<Sig>> fn;
    {
      auto& self = *static_cast<Slot*>(const_cast<void*>(slot));
      std::lock_guard<std::mutex> lock(self.mutex_);
      fn = self.fn_;
    }
    if (fn) {
      (*fn)(args...);
    }
  }

 private:
  std::mutex mutex_;
  std::shared_ptr<const std::function<Sig>> fn_;
};

/**
 * Several listeners behind one C registration, for events the C side keys
 * by function pointer. The list is copied on write, so Fire runs a snapshot
 * without the lock: a listener may add or remove listeners, and one removed
 * while an event is being delivered may still get that event.
 */
template <typename Sig>
class ListenerList {
 public:
  /**
   * Adds fn under a new id. register_c(true) runs when the list stops being
   * empty, register_c(false) when it becomes empty again; both run under the
   * lock, so concurrent adds and removes cannot leave the C side out of step.
   */
  template <typename Register>
  uint64_t Add(std::function<Sig> fn, Register register_c) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto next = std::make_shared<Entries>(*entries_);
    next->emplace_back(next_id_, std::make_shared<const std::function<Sig>>(std::move(fn)));
    if (entries_->empty()) {
      register_c(true);
    }
    entries_ = std::move(next);
    return next_id_++;
  }

  /** Removes the listener with this id; false when there is none. */
  template <typename Register>
  bool Remove(uint64_t id, Register register_c) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto next = std::make_shared<Entries>();
    for (const auto& entry : *entries_) {
      if (entry.first != id) {
        next->push_back(entry);
      }
    }
    if (next->size() == entries_->size()) {
      return false;
    }
    if (next->empty()) {
      register_c(false);
    }
    entries_ = std::move(next);
    return true;
  }

  template <typename... Args>
  static void Fire(const void* list, Args... args) noexcept {
    std::shared_ptr<const Entries> entries;
    {
      auto& self = *static_cast<ListenerList*>(const_cast<void*>(list));
      std::lock_guard<std::mutex> lock(self.mutex_);
      entries = self.entries_;
    }
    for (const auto& entry : *entries) {
      (*entry.second)(args...);
    }
  }

 private:
  using Entries = std::vector<std::pair<uint64_t, std::shared_ptr<const std::function<Sig>>>>;

  std::mutex mutex_;
  std::shared_ptr<const Entries> entries_ = std::make_shared<const Entries>();
  uint64_t next_id_ = 1;
};

inline const char* CArg(const std::string& s) noexcept { return s.c_str(); }

inline const char* CArg(const std::optional<std::string>& s) noexcept { return s ? s->c_str() : nullptr; }

/** An optional JSON argument: empty becomes NULL. */
inline std::optional<std::string> OrNull(std::string_view s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

template <typename T>
T CArg(T value) noexcept {
  return value;
}

}  // namespace detail

class Client {
 public:
  using Future = std::future<std::string>;
  using TipsHandler = std::function<void(std::string_view json_group_tip)>;
  using NetworkHandler = std::function<void(int32_t status, int32_t code, std::string_view desc)>;
  using SignalHandler = std::function<void()>;
  /** New messages (a JSON array of messages) or recalled ones (a JSON array of locators). */
  using MsgHandler = std::function<void(std::string_view json_array)>;
  /** Conversation events (0 add, 1 delete, 2 update) and conversation-group events (0..4). */
  using ConvHandler = std::function<void(int32_t event, std::string_view json)>;
  /** A group's ID and all its attributes now (a JSON array of group_attribute_key and group_attribute_value). */
  using GroupAttributeHandler = std::function<void(std::string_view group_id, std::string_view json_group_attribute_array)>;
  /** A group's ID, a counter's key and the counter's new value. */
  using GroupCounterHandler = std::function<void(std::string_view group_id, std::string_view key, int64_t value)>;
  /** Media upload progress: the message (JSON), the elem's index, bytes stored so far, the file's size. */
  using UploadProgressHandler =
      std::function<void(std::string_view json_msg, uint32_t index, uint32_t cur_size, uint32_t total_size)>;
  /** Names a listener added by AddRecvNewMsgCallback, for RemoveRecvNewMsgCallback. */
  using ListenerId = uint64_t;

  /** What MsgSendMessage gives without a callable: the message ID at once, the sent message later. */
  struct SentMessage {
    std::string message_id;
    Future result;
  };

  /** HuddleInit; an empty config means all defaults. Throws huddle::Error. */
  explicit Client(std::string_view json_sdk_config = {}) : events_(std::make_unique<Events>()) {
    std::string config(json_sdk_config);
    Check(HuddleInit(config.empty() ? nullptr : config.c_str(), &handle_));
  }

  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  Client(Client&& other) noexcept
      : handle_(std::exchange(other.handle_, nullptr)), events_(std::move(other.events_)) {}

  Client& operator=(Client&& other) noexcept {
    if (this != &other) {
      Close();
      handle_ = std::exchange(other.handle_, nullptr);
      events_ = std::move(other.events_);
    }
    return *this;
  }

  /** HuddleUninit: every owed callback has run when this returns. */
  ~Client() { Close(); }

  HuddleClient* native_handle() const noexcept { return handle_; }

  // Lifecycle

  template <typename F>
  void Login(std::string_view user_id, std::string_view user_sig, F&& cb) {
    Start(std::forward<F>(cb), HuddleLogin, std::string(user_id), std::string(user_sig));
  }
  [[nodiscard]] Future Login(std::string_view user_id, std::string_view user_sig = {}) {
    return StartFuture(HuddleLogin, std::string(user_id), std::string(user_sig));
  }

  template <typename F>
  void Logout(F&& cb) {
    Start(std::forward<F>(cb), HuddleLogout);
  }
  [[nodiscard]] Future Logout() { return StartFuture(HuddleLogout); }

  /** The logged-in user's ID; throws HUDDLE_ERR_NOTLOGIN when nobody is. */
  std::string GetLoginUserID() const {
    // The C call says only "too small" (-4), so grow until the ID fits.
    for (std::string buf(129, '\0');; buf.resize(buf.size() * 2)) {
      int32_t result = HuddleGetLoginUserID(handle_, buf.data(), buf.size());
      if (result != HUDDLE_ERR_PARAM || buf.size() > (1u << 20)) {
        Check(result);
        buf.resize(buf.find('\0'));
        return buf;
      }
    }
  }

  /** HUDDLE_STATUS_*. */
  /** HuddleGetServerTime: the server's clock in unix seconds (the local one when embedded). */
  uint64_t GetServerTime() const noexcept { return HuddleGetServerTime(handle_); }

  int32_t GetLoginStatus() const {
    int32_t status = HuddleGetLoginStatus(handle_);
    Check(status < 0 ? status : HUDDLE_SUCC);
    return status;
  }

  /** Poll mode: runs up to max_events callbacks here and returns how many ran. */
  int32_t Poll(uint32_t max_events) {
    int32_t ran = HuddlePoll(handle_, max_events);
    Check(ran < 0 ? ran : HUDDLE_SUCC);
    return ran;
  }

  // Events: an empty function removes the listener.

  /** Poll mode: called from any thread when callbacks start waiting for Poll. */
  void SetWakeCallback(SignalHandler fn) {
    SetListener(events().wake, std::move(fn), HuddleSetWakeCallback, &Events::Signal);
  }

  void SetNetworkStatusListenerCallback(NetworkHandler fn) {
    SetListener(events().network, std::move(fn), HuddleSetNetworkStatusListenerCallback, &Events::Network);
  }

  void SetUserSigExpiredCallback(SignalHandler fn) {
    SetListener(events().sig_expired, std::move(fn), HuddleSetUserSigExpiredCallback, &Events::Signal);
  }

  void SetKickedOfflineCallback(SignalHandler fn) {
    SetListener(events().kicked, std::move(fn), HuddleSetKickedOfflineCallback, &Events::Signal);
  }

  void SetGroupTipsEventCallback(TipsHandler fn) {
    SetListener(events().tips, std::move(fn), HuddleSetGroupTipsEventCallback, &Events::Json);
  }

  /**
   * Adds a new-message listener; every listener hears every message. Returns
   * the id that RemoveRecvNewMsgCallback takes. An empty function is refused
   * with HUDDLE_ERR_PARAM.
   */
  ListenerId AddRecvNewMsgCallback(MsgHandler fn) {
    if (!fn) {
      Check(HUDDLE_ERR_PARAM);
    }
    auto& list = events().messages;
    return list.Add(std::move(fn), [this, &list](bool on) { RegisterMessages(list, on); });
  }

  /** Removes one listener, leaving the others; false when the id names none (any more). */
  bool RemoveRecvNewMsgCallback(ListenerId id) {
    auto& list = events().messages;
    return list.Remove(id, [this, &list](bool on) { RegisterMessages(list, on); });
  }

  void SetMsgRevokeCallback(MsgHandler fn) {
    SetListener(events().revoke, std::move(fn), HuddleSetMsgRevokeCallback, &Events::Json);
  }

  /** Edited messages (HuddleSetMsgUpdateCallback): a JSON array of messages as they are now. */
  void SetMsgUpdateCallback(MsgHandler fn) {
    SetListener(events().update, std::move(fn), HuddleSetMsgUpdateCallback, &Events::Json);
  }

  /** Hears media uploads go, at least once per percent per file, up to cur_size == total_size. */
  void SetMsgElemUploadProgressCallback(UploadProgressHandler fn) {
    SetListener(events().upload_progress, std::move(fn), HuddleSetMsgElemUploadProgressCallback, &Events::Progress);
  }

  void SetConvEventCallback(ConvHandler fn) {
    SetListener(events().conv, std::move(fn), HuddleSetConvEventCallback, &Events::EventJson);
  }

  void SetConvGroupEventCallback(ConvHandler fn) {
    SetListener(events().conv_group, std::move(fn), HuddleSetConvGroupEventCallback, &Events::EventJson);
  }

  // Groups

  template <typename F>
  void GroupCreate(std::string_view json_group_create_param, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupCreate, std::string(json_group_create_param));
  }
  [[nodiscard]] Future GroupCreate(std::string_view json_group_create_param) {
    return StartFuture(HuddleGroupCreate, std::string(json_group_create_param));
  }

  template <typename F>
  void GroupDelete(std::string_view group_id, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupDelete, std::string(group_id));
  }
  [[nodiscard]] Future GroupDelete(std::string_view group_id) {
    return StartFuture(HuddleGroupDelete, std::string(group_id));
  }

  template <typename F>
  void GroupJoin(std::string_view group_id, std::string_view hello_msg, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupJoin, std::string(group_id), std::string(hello_msg));
  }
  [[nodiscard]] Future GroupJoin(std::string_view group_id, std::string_view hello_msg = {}) {
    return StartFuture(HuddleGroupJoin, std::string(group_id), std::string(hello_msg));
  }

  template <typename F>
  void GroupQuit(std::string_view group_id, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupQuit, std::string(group_id));
  }
  [[nodiscard]] Future GroupQuit(std::string_view group_id) {
    return StartFuture(HuddleGroupQuit, std::string(group_id));
  }

  template <typename F>
  void GroupInviteMember(std::string_view json_group_invite_param, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupInviteMember, std::string(json_group_invite_param));
  }
  [[nodiscard]] Future GroupInviteMember(std::string_view json_group_invite_param) {
    return StartFuture(HuddleGroupInviteMember, std::string(json_group_invite_param));
  }

  template <typename F>
  void GroupDeleteMember(std::string_view json_group_delete_param, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupDeleteMember, std::string(json_group_delete_param));
  }
  [[nodiscard]] Future GroupDeleteMember(std::string_view json_group_delete_param) {
    return StartFuture(HuddleGroupDeleteMember, std::string(json_group_delete_param));
  }

  template <typename F>
  void GroupGetJoinedGroupList(F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupGetJoinedGroupList);
  }
  [[nodiscard]] Future GroupGetJoinedGroupList() { return StartFuture(HuddleGroupGetJoinedGroupList); }

  template <typename F>
  void GroupGetGroupInfoList(std::string_view json_group_id_array, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupGetGroupInfoList, std::string(json_group_id_array));
  }
  [[nodiscard]] Future GroupGetGroupInfoList(std::string_view json_group_id_array) {
    return StartFuture(HuddleGroupGetGroupInfoList, std::string(json_group_id_array));
  }

  template <typename F>
  void GroupModifyGroupInfo(std::string_view json_group_modifyinfo_param, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupModifyGroupInfo, std::string(json_group_modifyinfo_param));
  }
  [[nodiscard]] Future GroupModifyGroupInfo(std::string_view json_group_modifyinfo_param) {
    return StartFuture(HuddleGroupModifyGroupInfo, std::string(json_group_modifyinfo_param));
  }

  template <typename F>
  void GroupGetMemberInfoList(std::string_view json_group_getmeminfos_param, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupGetMemberInfoList, std::string(json_group_getmeminfos_param));
  }
  [[nodiscard]] Future GroupGetMemberInfoList(std::string_view json_group_getmeminfos_param) {
    return StartFuture(HuddleGroupGetMemberInfoList, std::string(json_group_getmeminfos_param));
  }

  template <typename F>
  void GroupModifyMemberInfo(std::string_view json_group_modifymeminfo_param, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupModifyMemberInfo, std::string(json_group_modifymeminfo_param));
  }
  [[nodiscard]] Future GroupModifyMemberInfo(std::string_view json_group_modifymeminfo_param) {
    return StartFuture(HuddleGroupModifyMemberInfo, std::string(json_group_modifymeminfo_param));
  }

  template <typename F>
  void GroupGetPendencyList(std::string_view json_group_getpendency_list_param, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupGetPendencyList, std::string(json_group_getpendency_list_param));
  }
  [[nodiscard]] Future GroupGetPendencyList(std::string_view json_group_getpendency_list_param = "{}") {
    return StartFuture(HuddleGroupGetPendencyList, std::string(json_group_getpendency_list_param));
  }

  template <typename F>
  void GroupHandlePendency(std::string_view json_group_handle_pendency_param, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupHandlePendency, std::string(json_group_handle_pendency_param));
  }
  [[nodiscard]] Future GroupHandlePendency(std::string_view json_group_handle_pendency_param) {
    return StartFuture(HuddleGroupHandlePendency, std::string(json_group_handle_pendency_param));
  }

  template <typename F>
  void GroupReportPendencyReaded(uint64_t time_stamp, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupReportPendencyReaded, time_stamp);
  }
  [[nodiscard]] Future GroupReportPendencyReaded(uint64_t time_stamp) {
    return StartFuture(HuddleGroupReportPendencyReaded, time_stamp);
  }

  template <typename F>
  void GroupModifyMuteAllowlist(std::string_view json_param, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupModifyMuteAllowlist, std::string(json_param));
  }
  [[nodiscard]] Future GroupModifyMuteAllowlist(std::string_view json_param) {
    return StartFuture(HuddleGroupModifyMuteAllowlist, std::string(json_param));
  }

  template <typename F>
  void GroupGetMuteAllowlist(std::string_view group_id, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupGetMuteAllowlist, std::string(group_id));
  }
  [[nodiscard]] Future GroupGetMuteAllowlist(std::string_view group_id) {
    return StartFuture(HuddleGroupGetMuteAllowlist, std::string(group_id));
  }

  // Group attributes and counters (huddle.h gives the keys, limits and codes).

  /** Every member's changes, all the attributes each time, in the engine's order. */
  void SetGroupAttributeChangedCallback(GroupAttributeHandler fn) {
    SetListener(events().attributes, std::move(fn), HuddleSetGroupAttributeChangedCallback, &Events::Attributes);
  }

  /** Every counter change of the member's groups, in the engine's order. */
  void SetGroupCounterChangedCallback(GroupCounterHandler fn) {
    SetListener(events().counter, std::move(fn), HuddleSetGroupCounterChangedCallback, &Events::Counter);
  }

  /** Replaces all of the group's attributes with json_group_attributes (an array). */
  template <typename F>
  void GroupInitGroupAttributes(std::string_view group_id, std::string_view json_group_attributes, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupInitGroupAttributes, std::string(group_id), std::string(json_group_attributes));
  }
  [[nodiscard]] Future GroupInitGroupAttributes(std::string_view group_id, std::string_view json_group_attributes) {
    return StartFuture(HuddleGroupInitGroupAttributes, std::string(group_id), std::string(json_group_attributes));
  }

  /** Adds or updates the attributes of json_group_attributes, keeping the others. */
  template <typename F>
  void GroupSetGroupAttributes(std::string_view group_id, std::string_view json_group_attributes, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupSetGroupAttributes, std::string(group_id), std::string(json_group_attributes));
  }
  [[nodiscard]] Future GroupSetGroupAttributes(std::string_view group_id, std::string_view json_group_attributes) {
    return StartFuture(HuddleGroupSetGroupAttributes, std::string(group_id), std::string(json_group_attributes));
  }

  /** Removes the attributes json_keys names (a JSON array; [] removes all). */
  template <typename F>
  void GroupDeleteGroupAttributes(std::string_view group_id, std::string_view json_keys, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupDeleteGroupAttributes, std::string(group_id), std::string(json_keys));
  }
  [[nodiscard]] Future GroupDeleteGroupAttributes(std::string_view group_id, std::string_view json_keys) {
    return StartFuture(HuddleGroupDeleteGroupAttributes, std::string(group_id), std::string(json_keys));
  }

  /** The attributes json_keys names; empty: all of them. */
  template <typename F>
  void GroupGetGroupAttributes(std::string_view group_id, std::string_view json_keys, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupGetGroupAttributes, std::string(group_id), detail::OrNull(json_keys));
  }
  [[nodiscard]] Future GroupGetGroupAttributes(std::string_view group_id, std::string_view json_keys = {}) {
    return StartFuture(HuddleGroupGetGroupAttributes, std::string(group_id), detail::OrNull(json_keys));
  }

  /** Sets the counters of json_group_counter_array; the result is the counters set. */
  template <typename F>
  void GroupSetGroupCounters(std::string_view group_id, std::string_view json_group_counter_array, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupSetGroupCounters, std::string(group_id), std::string(json_group_counter_array));
  }
  [[nodiscard]] Future GroupSetGroupCounters(std::string_view group_id, std::string_view json_group_counter_array) {
    return StartFuture(HuddleGroupSetGroupCounters, std::string(group_id), std::string(json_group_counter_array));
  }

  /** The counters json_group_counter_key_array names; empty: all of them. */
  template <typename F>
  void GroupGetGroupCounters(std::string_view group_id, std::string_view json_group_counter_key_array, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupGetGroupCounters, std::string(group_id), detail::OrNull(json_group_counter_key_array));
  }
  [[nodiscard]] Future GroupGetGroupCounters(std::string_view group_id, std::string_view json_group_counter_key_array = {}) {
    return StartFuture(HuddleGroupGetGroupCounters, std::string(group_id), detail::OrNull(json_group_counter_key_array));
  }

  /** Adds value to a counter, atomically; the result is the counter's new value (a one-counter array). */
  template <typename F>
  void GroupIncreaseGroupCounter(std::string_view group_id, std::string_view key, int64_t value, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupIncreaseGroupCounter, std::string(group_id), std::string(key), value);
  }
  [[nodiscard]] Future GroupIncreaseGroupCounter(std::string_view group_id, std::string_view key, int64_t value) {
    return StartFuture(HuddleGroupIncreaseGroupCounter, std::string(group_id), std::string(key), value);
  }

  /** Takes value from a counter, atomically; the result is the counter's new value (a one-counter array). */
  template <typename F>
  void GroupDecreaseGroupCounter(std::string_view group_id, std::string_view key, int64_t value, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupDecreaseGroupCounter, std::string(group_id), std::string(key), value);
  }
  [[nodiscard]] Future GroupDecreaseGroupCounter(std::string_view group_id, std::string_view key, int64_t value) {
    return StartFuture(HuddleGroupDecreaseGroupCounter, std::string(group_id), std::string(key), value);
  }

  /** Members of the group online now: {"group_get_online_member_count_result":N}. Members and app admins only. */
  template <typename F>
  void GroupGetOnlineMemberCount(std::string_view group_id, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupGetOnlineMemberCount, std::string(group_id));
  }
  [[nodiscard]] Future GroupGetOnlineMemberCount(std::string_view group_id) {
    return StartFuture(HuddleGroupGetOnlineMemberCount, std::string(group_id));
  }

  // Messages: conv_type is kConvC2C (conv_id a user ID) or kConvGroup (conv_id a group ID).

  /** Returns the message ID, known before the send completes; cb gets the sent message. */
  template <typename F>
  std::string MsgSendMessage(std::string_view conv_id, int32_t conv_type, std::string_view json_msg_param, F&& cb) {
    char message_id[HUDDLE_MESSAGE_ID_BUFFER_LEN] = {};
    char* buffer = message_id;
    Start(std::forward<F>(cb), HuddleMsgSendMessage, std::string(conv_id), conv_type, std::string(json_msg_param),
          buffer);
    return message_id;
  }
  [[nodiscard]] SentMessage MsgSendMessage(std::string_view conv_id, int32_t conv_type,
                                           std::string_view json_msg_param) {
    detail::Promise done;
    Future result = done.promise.get_future();
    std::string message_id = MsgSendMessage(conv_id, conv_type, json_msg_param, std::move(done));
    return {std::move(message_id), std::move(result)};
  }

  /** An empty json_get_msg_param means the defaults (the newest 20). */
  template <typename F>
  void MsgGetMsgList(std::string_view conv_id, int32_t conv_type, std::string_view json_get_msg_param, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgGetMsgList, std::string(conv_id), conv_type,
          detail::OrNull(json_get_msg_param));
  }
  [[nodiscard]] Future MsgGetMsgList(std::string_view conv_id, int32_t conv_type,
                                     std::string_view json_get_msg_param = {}) {
    return StartFuture(HuddleMsgGetMsgList, std::string(conv_id), conv_type, detail::OrNull(json_get_msg_param));
  }

  template <typename F>
  void MsgRevoke(std::string_view conv_id, int32_t conv_type, std::string_view json_msg_param, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgRevoke, std::string(conv_id), conv_type, std::string(json_msg_param));
  }
  [[nodiscard]] Future MsgRevoke(std::string_view conv_id, int32_t conv_type, std::string_view json_msg_param) {
    return StartFuture(HuddleMsgRevoke, std::string(conv_id), conv_type, std::string(json_msg_param));
  }

  /** An empty json_msg_param marks the whole conversation read. */
  template <typename F>
  void MsgReportReaded(std::string_view conv_id, int32_t conv_type, std::string_view json_msg_param, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgReportReaded, std::string(conv_id), conv_type,
          detail::OrNull(json_msg_param));
  }
  [[nodiscard]] Future MsgReportReaded(std::string_view conv_id, int32_t conv_type,
                                       std::string_view json_msg_param = {}) {
    return StartFuture(HuddleMsgReportReaded, std::string(conv_id), conv_type, detail::OrNull(json_msg_param));
  }

  // Deleting, editing, finding, inserting and searching messages (huddle.h says what each does).

  /** Deletes one message for this user only; json_msgdel_param is {"msg_delete_param_msg": {...}}. */
  template <typename F>
  void MsgDelete(std::string_view conv_id, int32_t conv_type, std::string_view json_msgdel_param, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgDelete, std::string(conv_id), conv_type, std::string(json_msgdel_param));
  }
  [[nodiscard]] Future MsgDelete(std::string_view conv_id, int32_t conv_type, std::string_view json_msgdel_param) {
    return StartFuture(HuddleMsgDelete, std::string(conv_id), conv_type, std::string(json_msgdel_param));
  }

  /** Deletes up to 50 messages (a JSON array) of one conversation for this user only. */
  template <typename F>
  void MsgListDelete(std::string_view conv_id, int32_t conv_type, std::string_view json_msg_array, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgListDelete, std::string(conv_id), conv_type, std::string(json_msg_array));
  }
  [[nodiscard]] Future MsgListDelete(std::string_view conv_id, int32_t conv_type, std::string_view json_msg_array) {
    return StartFuture(HuddleMsgListDelete, std::string(conv_id), conv_type, std::string(json_msg_array));
  }

  /** Empties this user's history of a conversation; the others keep theirs. */
  template <typename F>
  void MsgClearHistoryMessage(std::string_view conv_id, int32_t conv_type, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgClearHistoryMessage, std::string(conv_id), conv_type);
  }
  [[nodiscard]] Future MsgClearHistoryMessage(std::string_view conv_id, int32_t conv_type) {
    return StartFuture(HuddleMsgClearHistoryMessage, std::string(conv_id), conv_type);
  }

  /** Edits a message for everyone; 8006 (with the message as it is now) if it was edited first. */
  template <typename F>
  void MsgModifyMessage(std::string_view json_msg_param, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgModifyMessage, std::string(json_msg_param));
  }
  [[nodiscard]] Future MsgModifyMessage(std::string_view json_msg_param) {
    return StartFuture(HuddleMsgModifyMessage, std::string(json_msg_param));
  }

  /** This user's messages by message_msg_id (a JSON array of strings), deleted ones with status 4. */
  template <typename F>
  void MsgFindMessages(std::string_view json_message_id_array, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgFindMessages, std::string(json_message_id_array));
  }
  [[nodiscard]] Future MsgFindMessages(std::string_view json_message_id_array) {
    return StartFuture(HuddleMsgFindMessages, std::string(json_message_id_array));
  }

  /** Messages of one conversation by Tencent's message locators (a JSON array). */
  template <typename F>
  void MsgFindByMsgLocatorList(std::string_view conv_id, int32_t conv_type, std::string_view json_msg_locator_array,
                               F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgFindByMsgLocatorList, std::string(conv_id), conv_type,
          std::string(json_msg_locator_array));
  }
  [[nodiscard]] Future MsgFindByMsgLocatorList(std::string_view conv_id, int32_t conv_type,
                                               std::string_view json_msg_locator_array) {
    return StartFuture(HuddleMsgFindByMsgLocatorList, std::string(conv_id), conv_type,
                       std::string(json_msg_locator_array));
  }

  /** Keeps message_custom_str / message_custom_int on a message, for this user only. */
  template <typename F>
  void MsgSetLocalCustomData(std::string_view json_msg_param, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgSetLocalCustomData, std::string(json_msg_param));
  }
  [[nodiscard]] Future MsgSetLocalCustomData(std::string_view json_msg_param) {
    return StartFuture(HuddleMsgSetLocalCustomData, std::string(json_msg_param));
  }

  /** Inserts a message into this user's conversation without sending it (status 5). */
  template <typename F>
  void MsgSaveMsg(std::string_view conv_id, int32_t conv_type, std::string_view json_msg_param, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgSaveMsg, std::string(conv_id), conv_type, std::string(json_msg_param));
  }
  [[nodiscard]] Future MsgSaveMsg(std::string_view conv_id, int32_t conv_type, std::string_view json_msg_param) {
    return StartFuture(HuddleMsgSaveMsg, std::string(conv_id), conv_type, std::string(json_msg_param));
  }

  /** Inserts many messages (a JSON array) as MsgSaveMsg does, all or none. */
  template <typename F>
  void MsgImportMsgList(std::string_view conv_id, int32_t conv_type, std::string_view json_msg_array, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgImportMsgList, std::string(conv_id), conv_type, std::string(json_msg_array));
  }
  [[nodiscard]] Future MsgImportMsgList(std::string_view conv_id, int32_t conv_type, std::string_view json_msg_array) {
    return StartFuture(HuddleMsgImportMsgList, std::string(conv_id), conv_type, std::string(json_msg_array));
  }

  /** Full-text search of this user's messages (Tencent's MessageSearchParam and MessageSearchResult). */
  template <typename F>
  void MsgSearchLocalMessages(std::string_view json_search_message_param, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgSearchLocalMessages, std::string(json_search_message_param));
  }
  [[nodiscard]] Future MsgSearchLocalMessages(std::string_view json_search_message_param) {
    return StartFuture(HuddleMsgSearchLocalMessages, std::string(json_search_message_param));
  }

  /** Marks every conversation of this user read. */
  template <typename F>
  void MsgMarkAllMessageAsRead(F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgMarkAllMessageAsRead);
  }
  [[nodiscard]] Future MsgMarkAllMessageAsRead() { return StartFuture(HuddleMsgMarkAllMessageAsRead); }

  // Media messages (elems naming local files: see HuddleMsgSendMessage)

  /** Stops a media message's send while its files are stored: its send gets 8021; 8020 when none is under way. */
  template <typename F>
  void MsgCancelSend(std::string_view conv_id, int32_t conv_type, std::string_view message_id, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgCancelSend, std::string(conv_id), conv_type, std::string(message_id));
  }
  [[nodiscard]] Future MsgCancelSend(std::string_view conv_id, int32_t conv_type, std::string_view message_id) {
    return StartFuture(HuddleMsgCancelSend, std::string(conv_id), conv_type, std::string(message_id));
  }

  /** Downloads a received elem's file (msg_download_elem_param_id or _url) to path, whole or not at all. */
  template <typename F>
  void MsgDownloadElemToPath(std::string_view json_download_elem_param, std::string_view path, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgDownloadElemToPath, std::string(json_download_elem_param), std::string(path));
  }
  [[nodiscard]] Future MsgDownloadElemToPath(std::string_view json_download_elem_param, std::string_view path) {
    return StartFuture(HuddleMsgDownloadElemToPath, std::string(json_download_elem_param), std::string(path));
  }

  /** The messages of a received merged message (elem 12), as a JSON array. */
  template <typename F>
  void MsgDownloadMergerMessage(std::string_view json_single_msg, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgDownloadMergerMessage, std::string(json_single_msg));
  }
  [[nodiscard]] Future MsgDownloadMergerMessage(std::string_view json_single_msg) {
    return StartFuture(HuddleMsgDownloadMergerMessage, std::string(json_single_msg));
  }

  // Conversations

  template <typename F>
  void ConvGetConvList(F&& cb) {
    Start(std::forward<F>(cb), HuddleConvGetConvList);
  }
  [[nodiscard]] Future ConvGetConvList() { return StartFuture(HuddleConvGetConvList); }

  template <typename F>
  void ConvGetConversationListByFilter(std::string_view json_filter, F&& cb) {
    Start(std::forward<F>(cb), HuddleConvGetConversationListByFilter, std::string(json_filter));
  }
  [[nodiscard]] Future ConvGetConversationListByFilter(std::string_view json_filter) {
    return StartFuture(HuddleConvGetConversationListByFilter, std::string(json_filter));
  }

  template <typename F>
  void ConvDelete(std::string_view conv_id, int32_t conv_type, F&& cb) {
    Start(std::forward<F>(cb), HuddleConvDelete, std::string(conv_id), conv_type);
  }
  [[nodiscard]] Future ConvDelete(std::string_view conv_id, int32_t conv_type) {
    return StartFuture(HuddleConvDelete, std::string(conv_id), conv_type);
  }

  template <typename F>
  void ConvPinConversation(std::string_view conv_id, int32_t conv_type, bool is_pinned, F&& cb) {
    Start(std::forward<F>(cb), HuddleConvPinConversation, std::string(conv_id), conv_type, is_pinned);
  }
  [[nodiscard]] Future ConvPinConversation(std::string_view conv_id, int32_t conv_type, bool is_pinned) {
    return StartFuture(HuddleConvPinConversation, std::string(conv_id), conv_type, is_pinned);
  }

  template <typename F>
  void ConvGetTotalUnreadMessageCount(F&& cb) {
    Start(std::forward<F>(cb), HuddleConvGetTotalUnreadMessageCount);
  }
  [[nodiscard]] Future ConvGetTotalUnreadMessageCount() { return StartFuture(HuddleConvGetTotalUnreadMessageCount); }

  // Conversation groups: conversations are named "c2c_<user ID>" and "group_<group ID>".

  template <typename F>
  void ConvCreateConversationGroup(std::string_view group_name, std::string_view json_conversation_id_array, F&& cb) {
    Start(std::forward<F>(cb), HuddleConvCreateConversationGroup, std::string(group_name),
          std::string(json_conversation_id_array));
  }
  [[nodiscard]] Future ConvCreateConversationGroup(std::string_view group_name,
                                                   std::string_view json_conversation_id_array = "[]") {
    return StartFuture(HuddleConvCreateConversationGroup, std::string(group_name),
                       std::string(json_conversation_id_array));
  }

  template <typename F>
  void ConvGetConversationGroupList(F&& cb) {
    Start(std::forward<F>(cb), HuddleConvGetConversationGroupList);
  }
  [[nodiscard]] Future ConvGetConversationGroupList() { return StartFuture(HuddleConvGetConversationGroupList); }

  template <typename F>
  void ConvDeleteConversationGroup(std::string_view group_name, F&& cb) {
    Start(std::forward<F>(cb), HuddleConvDeleteConversationGroup, std::string(group_name));
  }
  [[nodiscard]] Future ConvDeleteConversationGroup(std::string_view group_name) {
    return StartFuture(HuddleConvDeleteConversationGroup, std::string(group_name));
  }

  template <typename F>
  void ConvRenameConversationGroup(std::string_view old_name, std::string_view new_name, F&& cb) {
    Start(std::forward<F>(cb), HuddleConvRenameConversationGroup, std::string(old_name), std::string(new_name));
  }
  [[nodiscard]] Future ConvRenameConversationGroup(std::string_view old_name, std::string_view new_name) {
    return StartFuture(HuddleConvRenameConversationGroup, std::string(old_name), std::string(new_name));
  }

  template <typename F>
  void ConvAddConversationsToGroup(std::string_view group_name, std::string_view json_conversation_id_array, F&& cb) {
    Start(std::forward<F>(cb), HuddleConvAddConversationsToGroup, std::string(group_name),
          std::string(json_conversation_id_array));
  }
  [[nodiscard]] Future ConvAddConversationsToGroup(std::string_view group_name,
                                                   std::string_view json_conversation_id_array) {
    return StartFuture(HuddleConvAddConversationsToGroup, std::string(group_name),
                       std::string(json_conversation_id_array));
  }

  template <typename F>
  void ConvDeleteConversationsFromGroup(std::string_view group_name, std::string_view json_conversation_id_array,
                                        F&& cb) {
    Start(std::forward<F>(cb), HuddleConvDeleteConversationsFromGroup, std::string(group_name),
          std::string(json_conversation_id_array));
  }
  [[nodiscard]] Future ConvDeleteConversationsFromGroup(std::string_view group_name,
                                                        std::string_view json_conversation_id_array) {
    return StartFuture(HuddleConvDeleteConversationsFromGroup, std::string(group_name),
                       std::string(json_conversation_id_array));
  }

  // Receive options and do-not-disturb (opt: Tencent's TIMReceiveMessageOpt, 0..4)

  /** json_identifier_array: a JSON array of 1 to 30 user IDs. */
  template <typename F>
  void MsgSetC2CReceiveMessageOpt(std::string_view json_identifier_array, int32_t opt, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgSetC2CReceiveMessageOpt, std::string(json_identifier_array), opt);
  }
  [[nodiscard]] Future MsgSetC2CReceiveMessageOpt(std::string_view json_identifier_array, int32_t opt) {
    return StartFuture(HuddleMsgSetC2CReceiveMessageOpt, std::string(json_identifier_array), opt);
  }

  /** The future holds an array of {msg_recv_msg_opt_result_identifier, msg_recv_msg_opt_result_opt}. */
  template <typename F>
  void MsgGetC2CReceiveMessageOpt(std::string_view json_identifier_array, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgGetC2CReceiveMessageOpt, std::string(json_identifier_array));
  }
  [[nodiscard]] Future MsgGetC2CReceiveMessageOpt(std::string_view json_identifier_array) {
    return StartFuture(HuddleMsgGetC2CReceiveMessageOpt, std::string(json_identifier_array));
  }

  template <typename F>
  void MsgSetGroupReceiveMessageOpt(std::string_view group_id, int32_t opt, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgSetGroupReceiveMessageOpt, std::string(group_id), opt);
  }
  [[nodiscard]] Future MsgSetGroupReceiveMessageOpt(std::string_view group_id, int32_t opt) {
    return StartFuture(HuddleMsgSetGroupReceiveMessageOpt, std::string(group_id), opt);
  }

  /** A daily quiet window in this device's local time; a duration of a full day: for good. */
  template <typename F>
  void MsgSetAllReceiveMessageOpt(int32_t opt, int32_t start_hour, int32_t start_minute, int32_t start_second,
                                  uint32_t duration, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgSetAllReceiveMessageOpt, opt, start_hour, start_minute, start_second,
          duration);
  }
  [[nodiscard]] Future MsgSetAllReceiveMessageOpt(int32_t opt, int32_t start_hour, int32_t start_minute,
                                                  int32_t start_second, uint32_t duration) {
    return StartFuture(HuddleMsgSetAllReceiveMessageOpt, opt, start_hour, start_minute, start_second, duration);
  }

  /** One quiet window from a UTC time stamp (seconds). */
  template <typename F>
  void MsgSetAllReceiveMessageOpt2(int32_t opt, uint32_t start_time_stamp, uint32_t duration, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgSetAllReceiveMessageOpt2, opt, start_time_stamp, duration);
  }
  [[nodiscard]] Future MsgSetAllReceiveMessageOpt2(int32_t opt, uint32_t start_time_stamp, uint32_t duration) {
    return StartFuture(HuddleMsgSetAllReceiveMessageOpt2, opt, start_time_stamp, duration);
  }

  /** The future holds the msg_all_recv_msg_opt_* object. */
  template <typename F>
  void MsgGetAllReceiveMessageOpt(F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgGetAllReceiveMessageOpt);
  }
  [[nodiscard]] Future MsgGetAllReceiveMessageOpt() { return StartFuture(HuddleMsgGetAllReceiveMessageOpt); }

  /** The global option after each change, on any of the user's devices; an empty function removes it. */
  void SetMsgAllMessageReceiveOptionCallback(TipsHandler fn) {
    SetListener(events().all_recv_opt, std::move(fn), HuddleSetMsgAllMessageReceiveOptionCallback, &Events::Json);
  }

  // Conversations: info, batches over "c2c_<user>" / "group_<group>" IDs, marks, and unread

  /** json_get_conv_list_param: [{"get_conversation_list_param_conv_id", "get_conversation_list_param_conv_type"}]. */
  template <typename F>
  void ConvGetConvInfo(std::string_view json_get_conv_list_param, F&& cb) {
    Start(std::forward<F>(cb), HuddleConvGetConvInfo, std::string(json_get_conv_list_param));
  }
  [[nodiscard]] Future ConvGetConvInfo(std::string_view json_get_conv_list_param) {
    return StartFuture(HuddleConvGetConvInfo, std::string(json_get_conv_list_param));
  }

  template <typename F>
  void ConvDeleteConversationList(std::string_view conversation_id_array, bool clear_message, F&& cb) {
    Start(std::forward<F>(cb), HuddleConvDeleteConversationList, std::string(conversation_id_array), clear_message);
  }
  [[nodiscard]] Future ConvDeleteConversationList(std::string_view conversation_id_array, bool clear_message) {
    return StartFuture(HuddleConvDeleteConversationList, std::string(conversation_id_array), clear_message);
  }

  template <typename F>
  void ConvSetConversationCustomData(std::string_view conversation_id_array, std::string_view custom_data, F&& cb) {
    Start(std::forward<F>(cb), HuddleConvSetConversationCustomData, std::string(conversation_id_array),
          std::string(custom_data));
  }
  [[nodiscard]] Future ConvSetConversationCustomData(std::string_view conversation_id_array,
                                                     std::string_view custom_data) {
    return StartFuture(HuddleConvSetConversationCustomData, std::string(conversation_id_array),
                       std::string(custom_data));
  }

  /** mark_type: TIMConversationMarkType bits (0x1 star, 0x2 unread, 0x4 fold, 0x8 hide; app marks 1 << 32..63). */
  template <typename F>
  void ConvMarkConversation(std::string_view conversation_id_array, uint64_t mark_type, bool enable_mark, F&& cb) {
    Start(std::forward<F>(cb), HuddleConvMarkConversation, std::string(conversation_id_array), mark_type, enable_mark);
  }
  [[nodiscard]] Future ConvMarkConversation(std::string_view conversation_id_array, uint64_t mark_type,
                                            bool enable_mark) {
    return StartFuture(HuddleConvMarkConversation, std::string(conversation_id_array), mark_type, enable_mark);
  }

  template <typename F>
  void ConvGetUnreadMessageCountByFilter(std::string_view filter, F&& cb) {
    Start(std::forward<F>(cb), HuddleConvGetUnreadMessageCountByFilter, std::string(filter));
  }
  [[nodiscard]] Future ConvGetUnreadMessageCountByFilter(std::string_view filter) {
    return StartFuture(HuddleConvGetUnreadMessageCountByFilter, std::string(filter));
  }

  /** No callback, as Tencent's; throws huddle::Error when refused. */
  void ConvSubscribeUnreadMessageCountByFilter(std::string_view filter) {
    Check(HuddleConvSubscribeUnreadMessageCountByFilter(handle_, std::string(filter).c_str()));
  }
  void ConvUnsubscribeUnreadMessageCountByFilter(std::string_view filter) {
    Check(HuddleConvUnsubscribeUnreadMessageCountByFilter(handle_, std::string(filter).c_str()));
  }

  /** conversation_id: one conversation, "c2c", "group", or empty for all; 0 cleans everything. */
  template <typename F>
  void ConvCleanConversationUnreadMessageCount(std::string_view conversation_id, uint64_t clean_timestamp,
                                               uint64_t clean_sequence, F&& cb) {
    Start(std::forward<F>(cb), HuddleConvCleanConversationUnreadMessageCount, std::string(conversation_id),
          clean_timestamp, clean_sequence);
  }
  [[nodiscard]] Future ConvCleanConversationUnreadMessageCount(std::string_view conversation_id = {},
                                                               uint64_t clean_timestamp = 0,
                                                               uint64_t clean_sequence = 0) {
    return StartFuture(HuddleConvCleanConversationUnreadMessageCount, std::string(conversation_id), clean_timestamp,
                       clean_sequence);
  }

  /** The total unread count after each change; an empty function removes it. */
  void SetConvTotalUnreadMessageCountChangedCallback(std::function<void(int32_t total_unread_count)> fn) {
    SetListener(events().total_unread, std::move(fn), HuddleSetConvTotalUnreadMessageCountChangedCallback,
                &Events::Count);
  }

  /** A subscribed filter (as subscribed) and its new unread count; an empty function removes it. */
  void SetConvUnreadMessageCountChangedByFilterCallback(
      std::function<void(std::string_view filter, int32_t total_unread_count)> fn) {
    SetListener(events().filter_unread, std::move(fn), HuddleSetConvUnreadMessageCountChangedByFilterCallback,
                &Events::FilterCount);
  }

  // Community topics (HuddleGroup*Topic*), local search and member marks

  /** The caller's communities that take topics: a JSON array of group_base_info_* objects. */
  template <typename F>
  void GroupGetJoinedCommunityList(F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupGetJoinedCommunityList);
  }
  [[nodiscard]] Future GroupGetJoinedCommunityList() { return StartFuture(HuddleGroupGetJoinedCommunityList); }

  /** Creates a topic (group_topic_info_* keys); cb gets {"group_topic_info_topic_id": ...}. */
  template <typename F>
  void GroupCreateTopicInCommunity(std::string_view group_id, std::string_view json_topic_info, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupCreateTopicInCommunity, std::string(group_id), std::string(json_topic_info));
  }
  [[nodiscard]] Future GroupCreateTopicInCommunity(std::string_view group_id, std::string_view json_topic_info) {
    return StartFuture(HuddleGroupCreateTopicInCommunity, std::string(group_id), std::string(json_topic_info));
  }

  /** Deletes topics (a JSON array of IDs); cb gets one group_topic_operation_result_* object per ID. */
  template <typename F>
  void GroupDeleteTopicFromCommunity(std::string_view group_id, std::string_view json_topic_id_array, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupDeleteTopicFromCommunity, std::string(group_id),
          std::string(json_topic_id_array));
  }
  [[nodiscard]] Future GroupDeleteTopicFromCommunity(std::string_view group_id, std::string_view json_topic_id_array) {
    return StartFuture(HuddleGroupDeleteTopicFromCommunity, std::string(group_id), std::string(json_topic_id_array));
  }

  /** Changes what group_modify_info_param_modify_flag names of a topic. */
  template <typename F>
  void GroupSetTopicInfo(std::string_view json_topic_info, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupSetTopicInfo, std::string(json_topic_info));
  }
  [[nodiscard]] Future GroupSetTopicInfo(std::string_view json_topic_info) {
    return StartFuture(HuddleGroupSetTopicInfo, std::string(json_topic_info));
  }

  /** The topics named (all for "[]") as the caller sees them: group_topic_info_result_* objects. */
  template <typename F>
  void GroupGetTopicInfoList(std::string_view group_id, std::string_view json_topic_id_array, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupGetTopicInfoList, std::string(group_id), std::string(json_topic_id_array));
  }
  [[nodiscard]] Future GroupGetTopicInfoList(std::string_view group_id, std::string_view json_topic_id_array = "[]") {
    return StartFuture(HuddleGroupGetTopicInfoList, std::string(group_id), std::string(json_topic_id_array));
  }

  /** Searches the caller's groups (group_search_params_* keys): a JSON array of group_detail_info_* objects. */
  template <typename F>
  void GroupSearchGroups(std::string_view json_param, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupSearchGroups, std::string(json_param));
  }
  [[nodiscard]] Future GroupSearchGroups(std::string_view json_param) {
    return StartFuture(HuddleGroupSearchGroups, std::string(json_param));
  }

  /** Searches the members of the caller's groups (group_search_member_params_* keys). */
  template <typename F>
  void GroupSearchGroupMembers(std::string_view json_param, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupSearchGroupMembers, std::string(json_param));
  }
  [[nodiscard]] Future GroupSearchGroupMembers(std::string_view json_param) {
    return StartFuture(HuddleGroupSearchGroupMembers, std::string(json_param));
  }

  /** Sets (enable_mark) or removes mark_type (from 1000) on AVChatRoom members (a JSON array of IDs). */
  template <typename F>
  void GroupMarkGroupMemberList(std::string_view group_id, std::string_view member_array, uint32_t mark_type,
                                bool enable_mark, F&& cb) {
    Start(std::forward<F>(cb), HuddleGroupMarkGroupMemberList, std::string(group_id), std::string(member_array),
          mark_type, enable_mark);
  }
  [[nodiscard]] Future GroupMarkGroupMemberList(std::string_view group_id, std::string_view member_array,
                                                uint32_t mark_type, bool enable_mark) {
    return StartFuture(HuddleGroupMarkGroupMemberList, std::string(group_id), std::string(member_array), mark_type,
                       enable_mark);
  }

  /** Topic listeners: fn(community ID, detail); an empty fn removes the listener. */
  using TopicHandler = std::function<void(std::string_view group_id, std::string_view detail)>;

  /** A new topic: detail is its ID. */
  void SetGroupTopicCreatedCallback(TopicHandler fn) {
    SetListener(events().topic_created, std::move(fn), HuddleSetGroupTopicCreatedCallback, &Events::TwoStrings);
  }

  /** Deleted topics: detail is a JSON array of their IDs. */
  void SetGroupTopicDeletedCallback(TopicHandler fn) {
    SetListener(events().topic_deleted, std::move(fn), HuddleSetGroupTopicDeletedCallback, &Events::TwoStrings);
  }

  /** A changed topic: detail is its shared info as JSON (group_topic_info_* keys). */
  void SetGroupTopicChangedCallback(TopicHandler fn) {
    SetListener(events().topic_changed, std::move(fn), HuddleSetGroupTopicChangedCallback, &Events::TwoStrings);
  }

  // Read receipts, extensions, reactions and pinned group messages: a message
  // is named by its JSON as Huddle gave it (the send callback, history, the
  // new-message listener); arrays of them are JSON arrays.

  /** One page of a group message's read (filter 0) or unread (1) members. */
  struct ReadMemberPage {
    std::string json_group_member_array;
    uint64_t next_seq;
    bool is_finished;
  };
  using ReadMemberFuture = std::future<ReadMemberPage>;
  /** A message's ID and its extensions set (an array of key and value) or deleted (an array of keys). */
  using ExtensionsHandler = std::function<void(std::string_view message_id, std::string_view json_array)>;
  /** A pinned or unpinned group message: group ID, message JSON, pinned or not, who did it (a UserProfile). */
  using PinnedHandler =
      std::function<void(std::string_view group_id, std::string_view json_msg, bool is_pinned, std::string_view op_user)>;

  /** HuddleMsgSendMessageReadReceipts: the senders hear SetMsgReadedReceiptCallback. */
  template <typename F>
  void MsgSendMessageReadReceipts(std::string_view json_msg_array, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgSendMessageReadReceipts, std::string(json_msg_array));
  }
  [[nodiscard]] Future MsgSendMessageReadReceipts(std::string_view json_msg_array) {
    return StartFuture(HuddleMsgSendMessageReadReceipts, std::string(json_msg_array));
  }

  /** HuddleMsgGetMessageReadReceipts: an array of MessageReceipt, messages of one conversation. */
  template <typename F>
  void MsgGetMessageReadReceipts(std::string_view json_msg_array, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgGetMessageReadReceipts, std::string(json_msg_array));
  }
  [[nodiscard]] Future MsgGetMessageReadReceipts(std::string_view json_msg_array) {
    return StartFuture(HuddleMsgGetMessageReadReceipts, std::string(json_msg_array));
  }

  /**
   * HuddleMsgGetGroupMessageReadMemberList: cb(json_group_member_array, next_seq, is_finished), Tencent's
   * callback, which has no code: a failed call gives an empty, finished page.
   */
  template <typename F>
  void MsgGetGroupMessageReadMemberList(std::string_view json_msg, int32_t filter, uint64_t next_seq, uint32_t count,
                                        F&& cb) {
    using Holder = detail::PendingPage<std::decay_t<F>>;
    auto holder = std::make_unique<Holder>(Holder{std::forward<F>(cb)});
    Check(HuddleMsgGetGroupMessageReadMemberList(handle_, std::string(json_msg).c_str(), filter, next_seq, count,
                                                 &Holder::Run, holder.get()));
    holder.release();  // accepted: the library now owes exactly one Run, which deletes it
  }
  [[nodiscard]] ReadMemberFuture MsgGetGroupMessageReadMemberList(std::string_view json_msg, int32_t filter,
                                                                  uint64_t next_seq, uint32_t count) {
    auto done = std::make_shared<std::promise<ReadMemberPage>>();
    ReadMemberFuture page = done->get_future();
    MsgGetGroupMessageReadMemberList(json_msg, filter, next_seq, count,
                                     [done](std::string_view json, uint64_t next, bool finished) {
                                       done->set_value(ReadMemberPage{std::string(json), next, finished});
                                     });
    return page;
  }

  /** Receipts of the user's messages, and C2C peers' read marks (an array of MessageReceipt). */
  void SetMsgReadedReceiptCallback(MsgHandler fn) {
    SetListener(events().receipt, std::move(fn), HuddleSetMsgReadedReceiptCallback, &Events::Json);
  }

  /** HuddleMsgSetMessageExtensions: cb gets one MessageExtensionResult per pair. */
  template <typename F>
  void MsgSetMessageExtensions(std::string_view json_msg, std::string_view json_extension_array, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgSetMessageExtensions, std::string(json_msg), std::string(json_extension_array));
  }
  [[nodiscard]] Future MsgSetMessageExtensions(std::string_view json_msg, std::string_view json_extension_array) {
    return StartFuture(HuddleMsgSetMessageExtensions, std::string(json_msg), std::string(json_extension_array));
  }

  /** HuddleMsgGetMessageExtensions: an array of key and value. */
  template <typename F>
  void MsgGetMessageExtensions(std::string_view json_msg, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgGetMessageExtensions, std::string(json_msg));
  }
  [[nodiscard]] Future MsgGetMessageExtensions(std::string_view json_msg) {
    return StartFuture(HuddleMsgGetMessageExtensions, std::string(json_msg));
  }

  /** HuddleMsgDeleteMessageExtensions: an empty key array deletes them all. */
  template <typename F>
  void MsgDeleteMessageExtensions(std::string_view json_msg, std::string_view json_extension_key_array, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgDeleteMessageExtensions, std::string(json_msg),
          detail::OrNull(json_extension_key_array));
  }
  [[nodiscard]] Future MsgDeleteMessageExtensions(std::string_view json_msg,
                                                  std::string_view json_extension_key_array = {}) {
    return StartFuture(HuddleMsgDeleteMessageExtensions, std::string(json_msg), detail::OrNull(json_extension_key_array));
  }

  void SetMsgExtensionsChangedCallback(ExtensionsHandler fn) {
    SetListener(events().extensions_changed, std::move(fn), HuddleSetMsgExtensionsChangedCallback, &Events::IdJson);
  }

  void SetMsgExtensionsDeletedCallback(ExtensionsHandler fn) {
    SetListener(events().extensions_deleted, std::move(fn), HuddleSetMsgExtensionsDeletedCallback, &Events::IdJson);
  }

  /** HuddleMsgAddMessageReaction. */
  template <typename F>
  void MsgAddMessageReaction(std::string_view json_msg, std::string_view reaction_id, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgAddMessageReaction, std::string(json_msg), std::string(reaction_id));
  }
  [[nodiscard]] Future MsgAddMessageReaction(std::string_view json_msg, std::string_view reaction_id) {
    return StartFuture(HuddleMsgAddMessageReaction, std::string(json_msg), std::string(reaction_id));
  }

  /** HuddleMsgRemoveMessageReaction. */
  template <typename F>
  void MsgRemoveMessageReaction(std::string_view json_msg, std::string_view reaction_id, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgRemoveMessageReaction, std::string(json_msg), std::string(reaction_id));
  }
  [[nodiscard]] Future MsgRemoveMessageReaction(std::string_view json_msg, std::string_view reaction_id) {
    return StartFuture(HuddleMsgRemoveMessageReaction, std::string(json_msg), std::string(reaction_id));
  }

  /** HuddleMsgGetMessageReactions: an array of MessageReactionResult. */
  template <typename F>
  void MsgGetMessageReactions(std::string_view json_msg_array, uint32_t max_user_count_per_reaction, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgGetMessageReactions, std::string(json_msg_array), max_user_count_per_reaction);
  }
  [[nodiscard]] Future MsgGetMessageReactions(std::string_view json_msg_array, uint32_t max_user_count_per_reaction) {
    return StartFuture(HuddleMsgGetMessageReactions, std::string(json_msg_array), max_user_count_per_reaction);
  }

  /** HuddleMsgGetAllUserListOfMessageReaction: one page of a reaction's users. */
  template <typename F>
  void MsgGetAllUserListOfMessageReaction(std::string_view json_msg, std::string_view reaction_id, uint32_t next_seq,
                                          uint32_t count, F&& cb) {
    Start(std::forward<F>(cb), HuddleMsgGetAllUserListOfMessageReaction, std::string(json_msg),
          std::string(reaction_id), next_seq, count);
  }
  [[nodiscard]] Future MsgGetAllUserListOfMessageReaction(std::string_view json_msg, std::string_view reaction_id,
                                                          uint32_t next_seq, uint32_t count) {
    return StartFuture(HuddleMsgGetAllUserListOfMessageReaction, std::string(json_msg), std::string(reaction_id),
                       next_seq, count);
  }

  /** Reaction changes (an array of MessageReactionChangeInfo). */
  void SetMsgReactionsChangedCallback(MsgHandler fn) {
    SetListener(events().reactions, std::move(fn), HuddleSetMsgReactionsChangedCallback, &Events::Json);
  }

  /** HuddlePinGroupMessage: the owner and admins pin (is_pinned true) or unpin. */
  template <typename F>
  void PinGroupMessage(std::string_view group_id, std::string_view json_msg, bool is_pinned, F&& cb) {
    Start(std::forward<F>(cb), HuddlePinGroupMessage, std::string(group_id), std::string(json_msg), is_pinned);
  }
  [[nodiscard]] Future PinGroupMessage(std::string_view group_id, std::string_view json_msg, bool is_pinned) {
    return StartFuture(HuddlePinGroupMessage, std::string(group_id), std::string(json_msg), is_pinned);
  }

  /** HuddleGetPinnedGroupMessageList: the pinned messages, latest pin first. */
  template <typename F>
  void GetPinnedGroupMessageList(std::string_view group_id, F&& cb) {
    Start(std::forward<F>(cb), HuddleGetPinnedGroupMessageList, std::string(group_id));
  }
  [[nodiscard]] Future GetPinnedGroupMessageList(std::string_view group_id) {
    return StartFuture(HuddleGetPinnedGroupMessageList, std::string(group_id));
  }

  void SetMsgGroupPinnedMessageChangedCallback(PinnedHandler fn) {
    SetListener(events().pinned, std::move(fn), HuddleSetMsgGroupPinnedMessageChangedCallback, &Events::Pinned);
  }

  // App admins

  template <typename F>
  void AdminGetUserGroupList(std::string_view user_id, F&& cb) {
    Start(std::forward<F>(cb), HuddleAdminGetUserGroupList, std::string(user_id));
  }
  [[nodiscard]] Future AdminGetUserGroupList(std::string_view user_id) {
    return StartFuture(HuddleAdminGetUserGroupList, std::string(user_id));
  }

  template <typename F>
  void AdminGetGroupMemberIDList(std::string_view group_id, F&& cb) {
    Start(std::forward<F>(cb), HuddleAdminGetGroupMemberIDList, std::string(group_id));
  }
  [[nodiscard]] Future AdminGetGroupMemberIDList(std::string_view group_id) {
    return StartFuture(HuddleAdminGetGroupMemberIDList, std::string(group_id));
  }

 private:
  /** Listener slots live on the heap so their addresses, given to C, survive moves of the Client. */
  struct Events {
    detail::Slot<void()> wake;
    detail::Slot<void()> kicked;
    detail::Slot<void()> sig_expired;
    detail::Slot<void(int32_t, int32_t, std::string_view)> network;
    detail::Slot<void(std::string_view)> tips;
    detail::Slot<void(std::string_view)> revoke;
    detail::Slot<void(std::string_view)> update;
    detail::Slot<void(int32_t, std::string_view)> conv;
    detail::Slot<void(int32_t, std::string_view)> conv_group;
    detail::Slot<void(std::string_view, uint32_t, uint32_t, uint32_t)> upload_progress;
    detail::ListenerList<void(std::string_view)> messages;
    detail::Slot<void(std::string_view)> all_recv_opt;
    detail::Slot<void(int32_t)> total_unread;
    detail::Slot<void(std::string_view, int32_t)> filter_unread;
    detail::Slot<void(std::string_view, std::string_view)> attributes;
    detail::Slot<void(std::string_view, std::string_view, int64_t)> counter;
    detail::Slot<void(std::string_view)> receipt;
    detail::Slot<void(std::string_view, std::string_view)> extensions_changed;
    detail::Slot<void(std::string_view, std::string_view)> extensions_deleted;
    detail::Slot<void(std::string_view)> reactions;
    detail::Slot<void(std::string_view, std::string_view, bool, std::string_view)> pinned;

    static void Signal(const void* slot) noexcept { detail::Slot<void()>::Fire(slot); }
    static void Network(int32_t status, int32_t code, const char* desc, const void* slot) noexcept {
      detail::Slot<void(int32_t, int32_t, std::string_view)>::Fire(slot, status, code, std::string_view(desc));
    }
    static void Progress(const char* json, uint32_t index, uint32_t cur, uint32_t total, const void* slot) noexcept {
      detail::Slot<void(std::string_view, uint32_t, uint32_t, uint32_t)>::Fire(slot, std::string_view(json), index, cur,
                                                                               total);
    }
    static void Json(const char* json, const void* slot) noexcept {
      detail::Slot<void(std::string_view)>::Fire(slot, std::string_view(json));
    }
    static void EventJson(int32_t event, const char* json, const void* slot) noexcept {
      detail::Slot<void(int32_t, std::string_view)>::Fire(slot, event, std::string_view(json));
    }
    static void Count(int32_t count, const void* slot) noexcept { detail::Slot<void(int32_t)>::Fire(slot, count); }
    static void FilterCount(const char* filter, int32_t count, const void* slot) noexcept {
      detail::Slot<void(std::string_view, int32_t)>::Fire(slot, std::string_view(filter), count);
    }
    static void Attributes(const char* group_id, const char* json, const void* slot) noexcept {
      detail::Slot<void(std::string_view, std::string_view)>::Fire(slot, std::string_view(group_id), std::string_view(json));
    }
    static void Counter(const char* group_id, const char* key, int64_t value, const void* slot) noexcept {
      detail::Slot<void(std::string_view, std::string_view, int64_t)>::Fire(slot, std::string_view(group_id), std::string_view(key), value);
    }
    detail::Slot<void(std::string_view, std::string_view)> topic_created;
    detail::Slot<void(std::string_view, std::string_view)> topic_deleted;
    detail::Slot<void(std::string_view, std::string_view)> topic_changed;
    static void TwoStrings(const char* first, const char* second, const void* slot) noexcept {
      detail::Slot<void(std::string_view, std::string_view)>::Fire(slot, std::string_view(first),
                                                                    std::string_view(second));
    }
    static void IdJson(const char* id, const char* json, const void* slot) noexcept {
      detail::Slot<void(std::string_view, std::string_view)>::Fire(slot, std::string_view(id), std::string_view(json));
    }
    static void Pinned(const char* group_id, const char* msg, bool is_pinned, const char* op_user,
                       const void* slot) noexcept {
      detail::Slot<void(std::string_view, std::string_view, bool, std::string_view)>::Fire(
          slot, std::string_view(group_id), std::string_view(msg), is_pinned, std::string_view(op_user));
    }
    /** The one C new-message listener of every Client: the C side tells listeners apart by this address. */
    static void Messages(const char* json, const void* list) noexcept {
      detail::ListenerList<void(std::string_view)>::Fire(list, std::string_view(json));
    }
  };

  Events& events() const {
    if (!events_) {
      Check(HUDDLE_ERR_SDKUNINIT);
    }
    return *events_;
  }

  template <typename Sig, typename Setter, typename Trampoline>
  void SetListener(detail::Slot<Sig>& slot, std::function<Sig> fn, Setter c_setter, Trampoline trampoline) {
    bool on = static_cast<bool>(fn);
    slot.Set(std::move(fn));
    c_setter(handle_, on ? trampoline : nullptr, &slot);
  }

  void RegisterMessages(detail::ListenerList<void(std::string_view)>& list, bool on) {
    if (on) {
      HuddleAddRecvNewMsgCallback(handle_, &Events::Messages, &list);
    } else {
      HuddleRemoveRecvNewMsgCallback(handle_, &Events::Messages);
    }
  }

  template <typename F, typename CFunction, typename... Args>
  void Start(F&& cb, CFunction c_function, const Args&... args) {
    static_assert(std::is_invocable_v<std::decay_t<F>&, int32_t, std::string_view, std::string_view>,
                  "the callback must be callable as cb(int32_t code, std::string_view desc, std::string_view json)");
    using Holder = detail::Pending<std::decay_t<F>>;
    auto holder = std::make_unique<Holder>(Holder{std::forward<F>(cb)});
    Check(c_function(handle_, detail::CArg(args)..., &Holder::Run, holder.get()));
    holder.release();  // accepted: the library now owes exactly one Run, which deletes it
  }

  template <typename CFunction, typename... Args>
  Future StartFuture(CFunction c_function, const Args&... args) {
    detail::Promise done;
    Future result = done.promise.get_future();
    Start(std::move(done), c_function, args...);
    return result;
  }

  void Close() noexcept {
    if (handle_) {
      HuddleUninit(std::exchange(handle_, nullptr));
    }
    events_.reset();
  }

  HuddleClient* handle_ = nullptr;
  std::unique_ptr<Events> events_;
};

}  // namespace huddle

#endif  // HUDDLE_HPP
