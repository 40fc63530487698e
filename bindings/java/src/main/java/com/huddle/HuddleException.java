package com.huddle;

/**
 * A failed Huddle call. {@link #code()} is negative when the library refused
 * the call at once (HUDDLE_ERR_*: no callback follows), or else the
 * HUDDLE_CODE_* number the call's callback reported; {@link #desc()} is the
 * library's English sentence.
 */
public final class HuddleException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int code;
    private final String desc;

    public HuddleException(String call, int code, String desc) {
        super(call + ": " + code + ": " + desc);
        this.code = code;
        this.desc = desc;
    }

    public int code() {
        return code;
    }

    public String desc() {
        return desc;
    }
}
