// Stand-in for @electron/remote/main: dist/main.js calls initialize() and
// enable(webContents); there is no remote module to set up here.
"use strict";
exports.initialize = () => {};
exports.enable = () => {};
