package com.huddle;

import com.sun.jna.Callback;
import com.sun.jna.IntegerType;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * The C ABI of libhuddle (include/huddle.h) for JNA. Strings in are byte
 * arrays the binding fills with NUL-terminated UTF-8 itself (JNA's own String
 * conversion follows the JVM's default charset, ASCII under LC_ALL=C on Java
 * 17); strings out arrive as Pointers the binding decodes as UTF-8 before the
 * callback returns, since they are valid only until then.
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
            System.getenv("HUDDLE_LIBRARY") != null ? System.getenv("HUDDLE_LIBRARY") : "huddle", HuddleLibrary.class);

    int MESSAGE_ID_BUFFER_LEN = 128;

    Pointer HuddleGetSDKVersion();

    Pointer HuddleResultString(int code);

    int HuddleInit(byte[] jsonSdkConfig, PointerByReference outClient);

    int HuddleUninit(Pointer client);

    int HuddleGetLoginUserID(Pointer client, byte[] buf, SizeT bufLen);

    int HuddleGetLoginStatus(Pointer client);

    void HuddleSetGroupTipsEventCallback(Pointer client, JsonCallback cb, Pointer userData);

    void HuddleAddRecvNewMsgCallback(Pointer client, JsonCallback cb, Pointer userData);

    void HuddleSetMsgRevokeCallback(Pointer client, JsonCallback cb, Pointer userData);

    int HuddleLogin(Pointer client, byte[] userId, byte[] userSig, CommCallback cb, Pointer userData);

    int HuddleLogout(Pointer client, CommCallback cb, Pointer userData);

    int HuddleGroupCreate(Pointer client, byte[] json, CommCallback cb, Pointer userData);

    int HuddleGroupDelete(Pointer client, byte[] groupId, CommCallback cb, Pointer userData);

    int HuddleGroupJoin(Pointer client, byte[] groupId, byte[] helloMsg, CommCallback cb, Pointer userData);

    int HuddleGroupQuit(Pointer client, byte[] groupId, CommCallback cb, Pointer userData);

    int HuddleGroupInviteMember(Pointer client, byte[] json, CommCallback cb, Pointer userData);

    int HuddleGroupDeleteMember(Pointer client, byte[] json, CommCallback cb, Pointer userData);

    int HuddleGroupGetJoinedGroupList(Pointer client, CommCallback cb, Pointer userData);

    int HuddleGroupGetGroupInfoList(Pointer client, byte[] json, CommCallback cb, Pointer userData);

    int HuddleGroupModifyGroupInfo(Pointer client, byte[] json, CommCallback cb, Pointer userData);

    int HuddleGroupGetMemberInfoList(Pointer client, byte[] json, CommCallback cb, Pointer userData);

    int HuddleGroupModifyMemberInfo(Pointer client, byte[] json, CommCallback cb, Pointer userData);

    int HuddleGroupGetPendencyList(Pointer client, byte[] json, CommCallback cb, Pointer userData);

    int HuddleGroupHandlePendency(Pointer client, byte[] json, CommCallback cb, Pointer userData);

    int HuddleMsgSendMessage(Pointer client, byte[] convId, int convType, byte[] json, byte[] messageIdBuffer,
                             CommCallback cb, Pointer userData);

    int HuddleMsgGetMsgList(Pointer client, byte[] convId, int convType, byte[] json, CommCallback cb, Pointer userData);

    int HuddleMsgRevoke(Pointer client, byte[] convId, int convType, byte[] json, CommCallback cb, Pointer userData);

    int HuddleMsgReportReaded(Pointer client, byte[] convId, int convType, byte[] json, CommCallback cb, Pointer userData);

    int HuddleConvGetConvList(Pointer client, CommCallback cb, Pointer userData);

    int HuddleConvGetTotalUnreadMessageCount(Pointer client, CommCallback cb, Pointer userData);
}
