// A stand-in for the few parts of Electron that im_electron_sdk's dist/ uses,
// resolved through NODE_PATH (tests/tim/node.sh). The SDK's main half
// (dist/main.js, TimMain) answers `ipcMain.handle("TIMIPCLISTENR")` and sends
// callbacks back with `event.sender.send("global-callback-reply", ...)`; its
// renderer half (dist/renderer.js, TimRender) calls `ipcRenderer.invoke` and
// listens with `ipcRenderer.on`. Here both halves live in one Node process,
// so this module joins them as Electron's IPC would: asynchronously, strings
// only (what the SDK sends), a handler's rejection rejecting the invoke.
//
// `app.isPackaged` is true, so dist/main.js loads the native library from
// `process.resourcesPath + "/linux/lib/libImSDK.so"`, as a packaged app does;
// the test points process.resourcesPath at a temp dir that links it to
// Huddle's libImSDK.so.
"use strict";
const { EventEmitter } = require("events");

const handlers = new Map();
const toRenderer = new EventEmitter();
const webContents = {
    id: 1,
    send(channel, ...args) {
        setImmediate(() => toRenderer.emit(channel, {}, ...args));
    },
};

exports.app = { isPackaged: true, getPath: () => require("os").tmpdir() };

exports.ipcMain = {
    handle(channel, handler) {
        if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        handlers.set(channel, handler);
    },
    removeHandler(channel) {
        handlers.delete(channel);
    },
};

exports.ipcRenderer = {
    invoke(channel, ...args) {
        const handler = handlers.get(channel);
        if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
        return new Promise((resolve) => setImmediate(resolve)).then(() => handler({ sender: webContents }, ...args));
    },
    on(channel, listener) {
        toRenderer.on(channel, listener);
        return this;
    },
    removeListener(channel, listener) {
        toRenderer.removeListener(channel, listener);
        return this;
    },
};
