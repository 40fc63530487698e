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
    detail::Slot<void(int32_t, std::string_view)> conv;
    detail::Slot<void(int32_t, std::string_view)> conv_group;
    detail::Slot<void(std::string_view, uint32_t, uint32_t, uint32_t)> upload_progress;
    detail::ListenerList<void(std::string_view)> messages;

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
