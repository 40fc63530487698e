using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using AOT;

namespace Huddle
{
    // Group attributes and counters: shared state of a group (a match room's
    // seats, a stream's likes) that members read and write. Every member's
    // listener hears every change, in the order the engine made them.
    // Tencent's limits and codes are in huddle.h; writes past the frequency
    // limit get HuddleCode.GroupAttrFreqLimit (8511) or GroupCounterFreqLimit (8516).
    public sealed partial class HuddleClient
    {
        private static readonly NativeMethods.GroupAttributeChangedCallback GroupAttributeChangedTrampoline = OnGroupAttributeChanged;
        private static readonly NativeMethods.GroupCounterChangedCallback GroupCounterChangedTrampoline = OnGroupCounterChanged;

        private volatile GroupAttributeChangedCallback groupAttributeChanged;
        private volatile GroupCounterChangedCallback groupCounterChanged;

        /// <summary>Sets the listener of group attribute changes (Tencent's TIMSetGroupAttributeChangedCallback): the group's ID and all its attributes now. Null removes it.</summary>
        public void SetGroupAttributeChangedCallback(GroupAttributeChangedCallback callback)
        {
            groupAttributeChanged = callback;
            NativeMethods.HuddleSetGroupAttributeChangedCallback(handle, callback == null ? null : GroupAttributeChangedTrampoline, new IntPtr(id));
        }

        /// <summary>Sets the listener of group counter changes (Tencent's TIMSetGroupCounterChangedCallback): the group's ID, the counter's key and its new value. Null removes it.</summary>
        public void SetGroupCounterChangedCallback(GroupCounterChangedCallback callback)
        {
            groupCounterChanged = callback;
            NativeMethods.HuddleSetGroupCounterChangedCallback(handle, callback == null ? null : GroupCounterChangedTrampoline, new IntPtr(id));
        }

        /// <summary>Replaces all of a group's attributes (HuddleGroupInitGroupAttributes). Members and app admins only. Returns the sync result; the callback runs exactly once if and only if that is Succ (its code is then 0 or a HuddleCode).</summary>
        public HuddleResult GroupInitGroupAttributes(string groupId, List<GroupAttributes> attributes, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupInitGroupAttributes(h, Utf8.Encode(groupId), Json.Encode(attributes), cb, ud), Null(callback));
        }

        /// <summary>Adds or updates attributes, keeping the others (HuddleGroupSetGroupAttributes). Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult GroupSetGroupAttributes(string groupId, List<GroupAttributes> attributes, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupSetGroupAttributes(h, Utf8.Encode(groupId), Json.Encode(attributes), cb, ud), Null(callback));
        }

        /// <summary>Removes the attributes with these keys; an empty list removes them all (HuddleGroupDeleteGroupAttributes). Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult GroupDeleteGroupAttributes(string groupId, List<string> keys, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupDeleteGroupAttributes(h, Utf8.Encode(groupId), Json.Encode(keys), cb, ud), Null(callback));
        }

        /// <summary>The attributes with these keys, in key order; null or empty: all of them (HuddleGroupGetGroupAttributes). Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult GroupGetGroupAttributes(string groupId, List<string> keys, ValueCallback<List<GroupAttributes>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupGetGroupAttributes(h, Utf8.Encode(groupId), Json.Encode(keys), cb, ud), Value(callback));
        }

        /// <summary>Sets counters; the callback gets the counters set (HuddleGroupSetGroupCounters). Not on Community groups. Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult GroupSetGroupCounters(string groupId, List<GroupCounter> counters, ValueCallback<List<GroupCounter>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupSetGroupCounters(h, Utf8.Encode(groupId), Json.Encode(counters), cb, ud), Value(callback));
        }

        /// <summary>The counters with these keys, in key order; null or empty: all of them (HuddleGroupGetGroupCounters). Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult GroupGetGroupCounters(string groupId, List<string> keys, ValueCallback<List<GroupCounter>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupGetGroupCounters(h, Utf8.Encode(groupId), Json.Encode(keys), cb, ud), Value(callback));
        }

        /// <summary>Adds <paramref name="value"/> to a counter, atomically, from 0 if it has none; the callback gets its new value as a one-counter list (HuddleGroupIncreaseGroupCounter). Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult GroupIncreaseGroupCounter(string groupId, string key, long value, ValueCallback<List<GroupCounter>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupIncreaseGroupCounter(h, Utf8.Encode(groupId), Utf8.Encode(key), value, cb, ud), Value(callback));
        }

        /// <summary>Takes <paramref name="value"/> from a counter, atomically; the callback gets its new value as a one-counter list (HuddleGroupDecreaseGroupCounter). Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult GroupDecreaseGroupCounter(string groupId, string key, long value, ValueCallback<List<GroupCounter>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupDecreaseGroupCounter(h, Utf8.Encode(groupId), Utf8.Encode(key), value, cb, ud), Value(callback));
        }

        /// <summary>The Task form of <c>GroupInitGroupAttributes</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException.</summary>
        public Task GroupInitGroupAttributesAsync(string groupId, List<GroupAttributes> attributes) => ToTask(cb => GroupInitGroupAttributes(groupId, attributes, cb));

        /// <summary>The Task form of <c>GroupSetGroupAttributes</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException.</summary>
        public Task GroupSetGroupAttributesAsync(string groupId, List<GroupAttributes> attributes) => ToTask(cb => GroupSetGroupAttributes(groupId, attributes, cb));

        /// <summary>The Task form of <c>GroupDeleteGroupAttributes</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException.</summary>
        public Task GroupDeleteGroupAttributesAsync(string groupId, List<string> keys) => ToTask(cb => GroupDeleteGroupAttributes(groupId, keys, cb));

        /// <summary>The Task form of <c>GroupGetGroupAttributes</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException.</summary>
        public Task<List<GroupAttributes>> GroupGetGroupAttributesAsync(string groupId, List<string> keys) =>
            ToTask<List<GroupAttributes>>(cb => GroupGetGroupAttributes(groupId, keys, cb));

        /// <summary>The Task form of <c>GroupSetGroupCounters</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException.</summary>
        public Task<List<GroupCounter>> GroupSetGroupCountersAsync(string groupId, List<GroupCounter> counters) =>
            ToTask<List<GroupCounter>>(cb => GroupSetGroupCounters(groupId, counters, cb));

        /// <summary>The Task form of <c>GroupGetGroupCounters</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException.</summary>
        public Task<List<GroupCounter>> GroupGetGroupCountersAsync(string groupId, List<string> keys) =>
            ToTask<List<GroupCounter>>(cb => GroupGetGroupCounters(groupId, keys, cb));

        /// <summary>The Task form of <c>GroupIncreaseGroupCounter</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException.</summary>
        public Task<List<GroupCounter>> GroupIncreaseGroupCounterAsync(string groupId, string key, long value) =>
            ToTask<List<GroupCounter>>(cb => GroupIncreaseGroupCounter(groupId, key, value, cb));

        /// <summary>The Task form of <c>GroupDecreaseGroupCounter</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException.</summary>
        public Task<List<GroupCounter>> GroupDecreaseGroupCounterAsync(string groupId, string key, long value) =>
            ToTask<List<GroupCounter>>(cb => GroupDecreaseGroupCounter(groupId, key, value, cb));

        [MonoPInvokeCallback(typeof(NativeMethods.GroupAttributeChangedCallback))]
        private static void OnGroupAttributeChanged(IntPtr groupId, IntPtr jsonGroupAttributeArray, IntPtr userData)
        {
            Notify(userData, client => client.groupAttributeChanged,
                callback => callback(Utf8.Decode(groupId), Json.Decode<List<GroupAttributes>>(Utf8.Decode(jsonGroupAttributeArray)), "SetGroupAttributeChangedCallback"));
        }

        [MonoPInvokeCallback(typeof(NativeMethods.GroupCounterChangedCallback))]
        private static void OnGroupCounterChanged(IntPtr groupId, IntPtr groupCounterKey, long groupCounterNewValue, IntPtr userData)
        {
            Notify(userData, client => client.groupCounterChanged,
                callback => callback(Utf8.Decode(groupId), Utf8.Decode(groupCounterKey), groupCounterNewValue, "SetGroupCounterChangedCallback"));
        }
    }
}
