// Stand-in for @electron/remote in the renderer: dist/renderer.js asks only
// for the current window's id, which keys its callbacks.
"use strict";
exports.getCurrentWindow = () => ({ id: 1 });
