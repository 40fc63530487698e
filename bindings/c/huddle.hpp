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
 * synchronously (HUDDLE_ERR_*); the callback then never runs.
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
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace huddle {

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
  char buf[128];
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

inline const char* CArg(const std::string& s) noexcept { return s.c_str(); }

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

  void SetKickedOfflineCallback(SignalHandler fn) {
    SetListener(events().kicked, std::move(fn), HuddleSetKickedOfflineCallback, &Events::Signal);
  }

  void SetGroupTipsEventCallback(TipsHandler fn) {
    SetListener(events().tips, std::move(fn), HuddleSetGroupTipsEventCallback, &Events::Tips);
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
    detail::Slot<void(int32_t, int32_t, std::string_view)> network;
    detail::Slot<void(std::string_view)> tips;

    static void Signal(const void* slot) noexcept { detail::Slot<void()>::Fire(slot); }
    static void Network(int32_t status, int32_t code, const char* desc, const void* slot) noexcept {
      detail::Slot<void(int32_t, int32_t, std::string_view)>::Fire(slot, status, code, std::string_view(desc));
    }
    static void Tips(const char* json, const void* slot) noexcept {
      detail::Slot<void(std::string_view)>::Fire(slot, std::string_view(json));
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
