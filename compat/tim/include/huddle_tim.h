/*
 * huddle_tim.h: what libImSDK.so (Huddle's drop-in for Tencent IM's native
 * library) offers beyond Tencent's headers. Include it after huddle.h.
 */
#ifndef HUDDLE_TIM_H
#define HUDDLE_TIM_H

#include "huddle.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Huddle's handle of the process-wide client that TIMInit made: NULL before
 * TIMInit and after TIMUninit. It lets an app call the Huddle functions that
 * Tencent's API has no twin of, above all HuddlePoll: an app that gives
 * TIMInit `"callback_mode": "poll"` runs every callback on its own thread
 * (a game's main loop) with `HuddlePoll(HuddleTIMClient(), max)`. Valid until
 * TIMUninit; the library owns it (never pass it to HuddleUninit). Any thread.
 */
HuddleClient *HuddleTIMClient(void);

#ifdef __cplusplus
}
#endif

#endif /* HUDDLE_TIM_H */
