package com.huddle;

import com.sun.jna.Callback;
import com.sun.jna.IntegerType;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.Collections;

/**
 * The C ABI of libhuddle (include/huddle.h) for JNA. Strings in are
 * NUL-terminated UTF-8 (the library is loaded with JNA's string encoding set
 * to UTF-8, whatever the platform's default); strings in callbacks arrive as
 * Pointers the binding decodes as UTF-8 before the callback returns, since
 * they are valid only until then.
 */
interface HuddleLibrary extends Library {
    /** size_t. */
    final class SizeT extends IntegerType {
        private static final long serialVersionUID = 1L;

        public SizeT() {
            this(0);
        }

        public SizeT(long value) {
            super(Native.SIZE_T_SIZE, value, true);
        }
    }

    interface CommCallback extends Callback {
        void invoke(int code, Pointer desc, Pointer jsonParams, Pointer userData);
    }

    interface JsonCallback extends Callback {
        void invoke(Pointer json, Pointer userData);
    }

    /** The library: the file $HUDDLE_LIBRARY names, else "huddle" on JNA's search path (jna.library.path). */
    HuddleLibrary INSTANCE = Native.load(
            System.getenv("HUDDLE_LIBRARY") != null ? System.getenv("HUDDLE_LIBRARY") : "huddle",
            HuddleLibrary.class,
            Collections.singletonMap(Library.OPTION_STRING_ENCODING, "UTF-8"));

    int MESSAGE_ID_BUFFER_LEN = 128;

    String HuddleGetSDKVersion();

    String HuddleResultString(int code);

    int HuddleInit(String jsonSdkConfig, PointerByReference outClient);

    int HuddleUninit(Pointer client);

    int HuddleGetLoginUserID(Pointer client, byte[] buf, SizeT bufLen);

    int HuddleGetLoginStatus(Pointer client);

    void HuddleSetGroupTipsEventCallback(Pointer client, JsonCallback cb, Pointer userData);

    void HuddleAddRecvNewMsgCallback(Pointer client, JsonCallback cb, Pointer userData);

    void HuddleSetMsgRevokeCallback(Pointer client, JsonCallback cb, Pointer userData);

    int HuddleLogin(Pointer client, String userId, String userSig, CommCallback cb, Pointer userData);

    int HuddleLogout(Pointer client, CommCallback cb, Pointer userData);

    int HuddleGroupCreate(Pointer client, String json, CommCallback cb, Pointer userData);

    int HuddleGroupDelete(Pointer client, String groupId, CommCallback cb, Pointer userData);

    int HuddleGroupJoin(Pointer client, String groupId, String helloMsg, CommCallback cb, Pointer userData);

    int HuddleGroupQuit(Pointer client, String groupId, CommCallback cb, Pointer userData);

    int HuddleGroupInviteMember(Pointer client, String json, CommCallback cb, Pointer userData);

    int HuddleGroupDeleteMember(Pointer client, String json, CommCallback cb, Pointer userData);

    int HuddleGroupGetJoinedGroupList(Pointer client, CommCallback cb, Pointer userData);

    int HuddleGroupGetGroupInfoList(Pointer client, String json, CommCallback cb, Pointer userData);

    int HuddleGroupModifyGroupInfo(Pointer client, String json, CommCallback cb, Pointer userData);

    int HuddleGroupGetMemberInfoList(Pointer client, String json, CommCallback cb, Pointer userData);

    int HuddleGroupModifyMemberInfo(Pointer client, String json, CommCallback cb, Pointer userData);

    int HuddleGroupGetPendencyList(Pointer client, String json, CommCallback cb, Pointer userData);

    int HuddleGroupHandlePendency(Pointer client, String json, CommCallback cb, Pointer userData);

    int HuddleMsgSendMessage(Pointer client, String convId, int convType, String json, byte[] messageIdBuffer,
                             CommCallback cb, Pointer userData);

    int HuddleMsgGetMsgList(Pointer client, String convId, int convType, String json, CommCallback cb, Pointer userData);

    int HuddleMsgRevoke(Pointer client, String convId, int convType, String json, CommCallback cb, Pointer userData);

    int HuddleMsgReportReaded(Pointer client, String convId, int convType, String json, CommCallback cb, Pointer userData);

    int HuddleConvGetConvList(Pointer client, CommCallback cb, Pointer userData);

    int HuddleConvGetTotalUnreadMessageCount(Pointer client, CommCallback cb, Pointer userData);
}
