// One user of story.test.js: im_electron_sdk's own JavaScript, both halves of
// it, in this process. dist/main.js (TimMain, the Electron main process's
// half: it loads libImSDK.so through ffi-rs and answers IPC) and
// dist/renderer.js (TimRender, the API an app calls) are joined by the
// Electron stand-in of stubs/electron, found through NODE_PATH, as Electron's
// IPC joins them in an app. The native library is Huddle's libImSDK.so:
// TIM_RESOURCES is a dir whose linux/lib/libImSDK.so links to it, and it
// becomes process.resourcesPath, where a packaged app's dist/main.js looks.
//
// Driven through pipes, one JSON object a line: the test writes
// {"id", "call", "param"} on stdin, this calls TimRender's method `call`
// with `param` (any value "$callback" in it becomes a function that reports
// its arguments) and writes {"id", "result"} or {"id", "error"} on fd 3,
// with {"event": call, "args"} for each callback, in the order they happen.
// stdout and stderr are left to the SDK, which logs there.
"use strict";
const fs = require("fs");
const path = require("path");
const readline = require("readline");

const send = (obj) => fs.writeSync(3, JSON.stringify(obj) + "\n");

// The SDK catches its own failures to parse what the library answers and
// goes on with {} or [] (dist/main.js: `try{o=JSON.parse(n)}catch(r){o={}}`),
// and logs others with console.error: the test hears of both, and fails.
const parse = JSON.parse;
JSON.parse = function (text, reviver) {
    try {
        return parse.call(this, text, reviver);
    } catch (e) {
        send({ event: "parse_error", text: String(text).slice(0, 2000), error: e.message });
        throw e;
    }
};
const consoleError = console.error;
console.error = (...args) => {
    send({ event: "console_error", text: args.map((a) => (a && a.stack) || String(a)).join(" ") });
    consoleError(...args);
};

process.resourcesPath = process.env.TIM_RESOURCES;
const dist = process.env.TIM_SDK_DIST;
const TimMain = require(path.join(dist, "main.js"));
const TimRender = require(path.join(dist, "renderer.js"));
const main = new TimMain({ sdkappid: 1400000000 });
const tim = new TimRender();

// Which libImSDK.so this process mapped, and which Electron module the SDK got.
function loaded() {
    const maps = fs.readFileSync("/proc/self/maps", "utf8").split("\n");
    const libs = new Set(maps.filter((l) => /libImSDK[^/]*\.so/.test(l)).map((l) => fs.realpathSync(l.slice(l.indexOf("/")))));
    const from = { paths: [dist] };
    return { libraries: [...libs], electron: require.resolve("electron", from), ffi: require.resolve("ffi-rs", from) };
}

function withCallbacks(call, value) {
    if (value === "$callback") return (...args) => send({ event: call, args });
    if (Array.isArray(value)) return value.map((v) => withCallbacks(call, v));
    if (value && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withCallbacks(call, v)]));
    }
    return value;
}

const replacer = (_, v) => (typeof v === "bigint" ? v.toString() : v);

readline.createInterface({ input: process.stdin }).on("line", async (line) => {
    const { id, call, param } = parse(line);
    try {
        let result;
        if (call === "loaded") result = loaded();
        else if (call === "exit") {
            main.destroy(); // TimMain's own end: TIMRemoveRecvNewMsgCallback, TIMUninit
            send({ id, result: null });
            process.exit(0); // ffi-rs's callbacks keep the event loop alive
        } else if (typeof tim[call] !== "function") throw new Error(`TimRender has no ${call}`);
        else result = await tim[call](withCallbacks(call, param));
        fs.writeSync(3, JSON.stringify({ id, result }, replacer) + "\n");
    } catch (e) {
        send({ id, error: String((e && e.stack) || e) });
    }
});
process.stdin.on("end", () => process.exit(0));
