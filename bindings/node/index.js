'use strict';
// Huddle group chat for Node.js: libhuddle's C API (include/huddle.h,
// Tencent Cloud IM's shape) through koffi, with Promises and events.
//
// Every client runs in the library's poll mode: a timer calls HuddlePoll on
// the JS thread, so every callback (a call's result, a tip, a message) runs
// on the event loop, in order, while the library's strings are still valid.
// README.md says why this and not thread mode.

const EventEmitter = require('node:events');
const path = require('node:path');
const koffi = require('koffi');

const LIB_NAME = { darwin: 'libhuddle.dylib', win32: 'huddle.dll' }[process.platform] || 'libhuddle.so';

/** The library this module loads: $HUDDLE_LIBRARY, else the system's search path. */
function libraryPath() {
  return process.env.HUDDLE_LIBRARY || LIB_NAME;
}

const lib = koffi.load(libraryPath());

// user_data is declared intptr_t (a token Number) rather than const void *:
// the same register on every ABI Huddle builds for, and no BigInt pointers.
const CommCallback = koffi.proto('void HuddleCommCallback(int32_t code, const char *desc, const char *json_params, intptr_t user_data)');
const JsonCallback = koffi.proto('void HuddleJsonCallback(const char *json, intptr_t user_data)');

const MESSAGE_ID_BUFFER_LEN = 128; // HUDDLE_MESSAGE_ID_BUFFER_LEN

const native = {
  version: lib.func('const char *HuddleGetSDKVersion(void)'),
  resultString: lib.func('const char *HuddleResultString(int32_t code)'),
  init: lib.func('int32_t HuddleInit(const char *config, _Out_ void **out_client)'),
  uninit: lib.func('int32_t HuddleUninit(void *client)'),
  poll: lib.func('int32_t HuddlePoll(void *client, uint32_t max_events)'),
  getLoginUserID: lib.func('int32_t HuddleGetLoginUserID(void *client, _Out_ uint8_t *buf, size_t buf_len)'),
  getLoginStatus: lib.func('int32_t HuddleGetLoginStatus(void *client)'),
  setGroupTips: lib.func('void HuddleSetGroupTipsEventCallback(void *client, HuddleJsonCallback *cb, intptr_t user_data)'),
  addRecvNewMsg: lib.func('void HuddleAddRecvNewMsgCallback(void *client, HuddleJsonCallback *cb, intptr_t user_data)'),
  setMsgRevoke: lib.func('void HuddleSetMsgRevokeCallback(void *client, HuddleJsonCallback *cb, intptr_t user_data)'),
};

// The asynchronous functions: name -> their arguments between the client and (cb, user_data).
const ASYNC = {
  HuddleLogin: ['const char *user_id', 'const char *user_sig'],
  HuddleLogout: [],
  HuddleGroupCreate: ['const char *json'],
  HuddleGroupDelete: ['const char *group_id'],
  HuddleGroupJoin: ['const char *group_id', 'const char *hello_msg'],
  HuddleGroupQuit: ['const char *group_id'],
  HuddleGroupInviteMember: ['const char *json'],
  HuddleGroupDeleteMember: ['const char *json'],
  HuddleGroupGetJoinedGroupList: [],
  HuddleGroupGetGroupInfoList: ['const char *json'],
  HuddleGroupModifyGroupInfo: ['const char *json'],
  HuddleGroupGetMemberInfoList: ['const char *json'],
  HuddleGroupModifyMemberInfo: ['const char *json'],
  HuddleGroupGetPendencyList: ['const char *json'],
  HuddleGroupHandlePendency: ['const char *json'],
  HuddleMsgSendMessage: ['const char *conv_id', 'int32_t conv_type', 'const char *json', '_Out_ uint8_t *message_id'],
  HuddleMsgGetMsgList: ['const char *conv_id', 'int32_t conv_type', 'const char *json'],
  HuddleMsgRevoke: ['const char *conv_id', 'int32_t conv_type', 'const char *json'],
  HuddleMsgReportReaded: ['const char *conv_id', 'int32_t conv_type', 'const char *json'],
  HuddleConvGetConvList: [],
  HuddleConvGetTotalUnreadMessageCount: [],
};
for (const [name, args] of Object.entries(ASYNC)) {
  native[name] = lib.func(`int32_t ${name}(${['void *client', ...args, 'HuddleCommCallback *cb', 'intptr_t user_data'].join(', ')})`);
}

/** Tencent's enums (API.md section 4), the ones the story needs. */
const GroupType = Object.freeze({ PUBLIC: 0, WORK: 1, MEETING: 2, AV_CHAT_ROOM: 4, COMMUNITY: 5 });
const AddOption = Object.freeze({ FORBID: 0, AUTH: 1, ANY: 2 });
const TipType = Object.freeze({
  INVITE: 1, QUIT: 2, KICK: 3, SET_ADMIN: 4, CANCEL_ADMIN: 5, GROUP_INFO_CHANGE: 6, MEMBER_INFO_CHANGE: 7,
  GROUP_CREATED: 12, GROUP_DISMISSED: 13, JOIN_REQUEST: 14, MUTE_ALLOWLIST_CHANGE: 16, JOIN_REJECTED: 17,
});
const JoinStatus = Object.freeze({ JOINED: 0, WAITING_APPROVAL: 1, ALREADY_MEMBER: 2 });
const JoinType = Object.freeze({ APPLY: 1, INVITE: 2 }); // Tencent's TIMGroupJoinType: a free join or an approved request is APPLY
const ConvType = Object.freeze({ C2C: 1, GROUP: 2 });
const ElemType = Object.freeze({ TEXT: 0, CUSTOM: 3, GROUP_TIPS: 5, GROUP_REPORT: 8 });

/** The library's English sentence for any code, sync or async. */
function resultString(code) {
  return native.resultString(code);
}

/** The library's version, "x.y.z". */
function version() {
  return native.version();
}

/**
 * A failed call. `code` is negative when the library refused the call at once
 * (HUDDLE_ERR_*: no callback follows), or the HUDDLE_CODE_* number its
 * callback reported; `desc` is the library's sentence.
 */
class HuddleError extends Error {
  constructor(code, desc, call) {
    super(`${call}: ${code}: ${desc}`);
    this.name = 'HuddleError';
    this.code = code;
    this.desc = desc;
    this.call = call;
  }
}

// Call tokens -> {resolve, reject, call}; client tokens -> Client.
let lastToken = 0;
const pending = new Map();
const clients = new Map();

function parse(json) {
  return json ? JSON.parse(json) : null;
}

// Registered once for the life of the process (the library keeps the
// pointers); koffi runs them synchronously, since HuddlePoll calls them on the JS thread.
const onComm = koffi.register((code, desc, json, token) => {
  const call = pending.get(token);
  if (!call) return;
  pending.delete(token);
  try {
    if (code === 0) call.resolve(parse(json));
    else call.reject(new HuddleError(code, desc, call.name));
  } catch (e) {
    call.reject(e);
  }
}, koffi.pointer(CommCallback));

function listener(event) {
  return koffi.register((json, token) => {
    const client = clients.get(token);
    if (!client) return;
    // Nothing may throw into the library: a listener's exception (or an
    // unlistened 'error') is rethrown on the next tick, as an uncaught one.
    try {
      client.emit(event, JSON.parse(json));
    } catch (e) {
      process.nextTick(() => { throw e; });
    }
  }, koffi.pointer(JsonCallback));
}
const onGroupTip = listener('groupTip');
const onMessages = listener('messages');
const onRevoke = listener('revoked');

function jsonArg(value) {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * One Huddle client (HuddleInit .. HuddleUninit). `config` holds HuddleInit's
 * keys (`sdk_config_server_url` for a huddle-server; absent: the process's
 * embedded engine, shared by its clients). Calls return Promises of the
 * result's parsed JSON; they reject with HuddleError. Events: 'groupTip'
 * (a tip object), 'messages' (an array of messages; tips come here too, as
 * messages with an elem of type 5), 'revoked' (an array of locators).
 *
 * Like a socket, an open client keeps the process alive (its poll timer):
 * call close() when done.
 */
class Client extends EventEmitter {
  constructor(config = {}, { pollIntervalMs = 5 } = {}) {
    super();
    const out = [null];
    const code = native.init(JSON.stringify({ ...config, callback_mode: 'poll' }), out);
    if (code !== 0) throw new HuddleError(code, resultString(code), 'HuddleInit');
    this.handle = out[0];
    this.token = ++lastToken;
    clients.set(this.token, this);
    native.setGroupTips(this.handle, onGroupTip, this.token);
    native.addRecvNewMsg(this.handle, onMessages, this.token);
    native.setMsgRevoke(this.handle, onRevoke, this.token);
    this.timer = setInterval(() => this.poll(), pollIntervalMs);
  }

  /** Runs the pending callbacks now, on this thread (the timer does it too); returns how many ran. */
  poll(max = 256) {
    if (this.handle === null) return 0;
    let ran = 0;
    for (;;) {
      const n = native.poll(this.handle, max);
      if (n <= 0) return ran;
      ran += n;
      if (n < max) return ran;
    }
  }

  /** HuddleUninit: calls still owed settle (with their result, or 6013), then nothing more runs. */
  close() {
    if (this.handle === null) return;
    clearInterval(this.timer);
    const handle = this.handle;
    this.handle = null;
    native.uninit(handle); // runs the owed callbacks here, on this thread
    clients.delete(this.token);
  }

  get closed() {
    return this.handle === null;
  }

  call(name, ...args) {
    return new Promise((resolve, reject) => {
      const token = ++lastToken;
      pending.set(token, { resolve, reject, name });
      const code = native[name](this.handle, ...args, onComm, token);
      if (code !== 0) {
        pending.delete(token);
        reject(new HuddleError(code, resultString(code), name));
      }
    });
  }

  login(userId, userSig = null) { return this.call('HuddleLogin', userId, userSig); }
  logout() { return this.call('HuddleLogout'); }

  /** The logged-in user's ID, or null. */
  loginUserId() {
    if (this.handle === null) return null;
    const buf = Buffer.alloc(256);
    const code = native.getLoginUserID(this.handle, buf, buf.length);
    if (code === -2) return null;
    if (code !== 0) throw new HuddleError(code, resultString(code), 'HuddleGetLoginUserID');
    return buf.toString('utf8', 0, buf.indexOf(0));
  }

  /** 1 logged in, 2 logging in, 3 logged out, 4 logging out. */
  loginStatus() { return native.getLoginStatus(this.handle); }

  // Groups: parameters are objects with Tencent's keys (huddle.h documents them).
  groupCreate(params) { return this.call('HuddleGroupCreate', jsonArg(params)); }
  groupDelete(groupId) { return this.call('HuddleGroupDelete', groupId); }
  groupJoin(groupId, helloMsg = null) { return this.call('HuddleGroupJoin', groupId, helloMsg); }
  groupQuit(groupId) { return this.call('HuddleGroupQuit', groupId); }
  groupInviteMember(params) { return this.call('HuddleGroupInviteMember', jsonArg(params)); }
  groupDeleteMember(params) { return this.call('HuddleGroupDeleteMember', jsonArg(params)); }
  groupGetJoinedGroupList() { return this.call('HuddleGroupGetJoinedGroupList'); }
  groupGetGroupInfoList(groupIds) { return this.call('HuddleGroupGetGroupInfoList', jsonArg(groupIds)); }
  groupModifyGroupInfo(params) { return this.call('HuddleGroupModifyGroupInfo', jsonArg(params)); }
  groupGetMemberInfoList(params) { return this.call('HuddleGroupGetMemberInfoList', jsonArg(params)); }
  groupModifyMemberInfo(params) { return this.call('HuddleGroupModifyMemberInfo', jsonArg(params)); }
  groupGetPendencyList(option = {}) { return this.call('HuddleGroupGetPendencyList', jsonArg(option)); }
  groupHandlePendency(params) { return this.call('HuddleGroupHandlePendency', jsonArg(params)); }

  // Messages and conversations: convType 1 C2C (convId a user ID), 2 group.

  /**
   * Sends `message` (an object with `message_elem_array`). Resolves with the
   * sent message; its ID is also `promise.messageId` at once.
   */
  sendMessage(convId, convType, message) {
    const buf = Buffer.alloc(MESSAGE_ID_BUFFER_LEN);
    const promise = this.call('HuddleMsgSendMessage', convId, convType, jsonArg(message), buf);
    const end = buf.indexOf(0);
    promise.messageId = end > 0 ? buf.toString('utf8', 0, end) : null;
    return promise;
  }

  /** Sends one text elem to a group (or, with convType 1, a user). */
  sendText(convId, text, convType = ConvType.GROUP) {
    return this.sendMessage(convId, convType, { message_elem_array: [{ elem_type: ElemType.TEXT, text_elem_content: text }] });
  }

  getMsgList(convId, convType, params = null) {
    return this.call('HuddleMsgGetMsgList', convId, convType, params === null ? null : jsonArg(params));
  }
  revoke(convId, convType, message) { return this.call('HuddleMsgRevoke', convId, convType, jsonArg(message)); }
  reportReaded(convId, convType, message = null) {
    return this.call('HuddleMsgReportReaded', convId, convType, message === null ? null : jsonArg(message));
  }
  getConvList() { return this.call('HuddleConvGetConvList'); }
  getTotalUnreadMessageCount() { return this.call('HuddleConvGetTotalUnreadMessageCount'); }

  /**
   * Resolves with the first `event` value for which `predicate(value)` is
   * truthy; rejects after `timeoutMs`.
   */
  waitFor(event, predicate = () => true, timeoutMs = 10000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off(event, check);
        reject(new Error(`no matching '${event}' within ${timeoutMs} ms`));
      }, timeoutMs);
      const check = (value) => {
        if (!predicate(value)) return;
        clearTimeout(timer);
        this.off(event, check);
        resolve(value);
      };
      this.on(event, check);
    });
  }
}

module.exports = {
  Client, HuddleError, resultString, version, libraryPath,
  GroupType, AddOption, TipType, JoinStatus, JoinType, ConvType, ElemType,
};
