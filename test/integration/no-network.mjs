// Preloaded with `node --import` by cli-offline.test.ts: every way a Node program opens a connection or
// resolves a name throws, and is reported on stderr as "network attempt: …", so a test can tell that
// nothing tried (an attempt caught and ignored by the program would still be printed).
import dns from "node:dns";
import net from "node:net";
import tls from "node:tls";

// Unix domain sockets are local IPC, not network (tsx talks to its own process through one): allowed.
const isLocalIpc = (target) =>
  (typeof target === "string" && Number.isNaN(Number(target))) ||
  (target !== null && typeof target === "object" && typeof target.path === "string");

function deny(what) {
  process.stderr.write(`network attempt: ${what}\n`);
  throw new Error(`network disabled for this test: ${what}`);
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const target = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (isLocalIpc(target)) return connect.apply(this, args);
  deny(`socket connect ${JSON.stringify(target)}`);
};
const createConnection = net.createConnection;
net.connect = net.createConnection = (...args) =>
  isLocalIpc(args[0]) ? createConnection(...args) : deny(`net.connect ${JSON.stringify(args[0])}`);
tls.connect = (...args) => deny(`tls.connect ${JSON.stringify(args[0])}`);
dns.lookup = (host) => deny(`dns.lookup ${host}`);
dns.resolve = (host) => deny(`dns.resolve ${host}`);
dns.promises.lookup = async (host) => deny(`dns.promises.lookup ${host}`);
dns.promises.resolve = async (host) => deny(`dns.promises.resolve ${host}`);
globalThis.fetch = async (input) => deny(`fetch ${typeof input === "string" ? input : (input.url ?? input.href)}`);
