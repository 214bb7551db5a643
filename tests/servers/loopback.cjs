// Copied from the driftwatch shared test fleet (fleet/loopback.cjs): makes node servers that call listen(PORT) bind 127.0.0.1 only.
// Preload (node --require ./loopback.cjs ...): force every TCP listen() that names no host onto 127.0.0.1.
// The published MCP reference servers call app.listen(PORT), which would otherwise bind all interfaces.
const net = require("net");
const orig = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const a0 = args[0];
  if (typeof a0 === "number" || (typeof a0 === "string" && /^\d+$/.test(a0))) {
    if (typeof args[1] !== "string") args.splice(1, 0, "127.0.0.1");
  } else if (a0 && typeof a0 === "object" && a0.path === undefined && a0.host === undefined) {
    args[0] = { ...a0, host: "127.0.0.1" };
  }
  return orig.apply(this, args);
};
