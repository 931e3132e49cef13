// Preload (NODE_OPTIONS=--require <abs path>/intacct-dns.js): resolve every *.intacct.com host to
// 127.0.0.1 so the official SDK, which only accepts endpoints on intacct.com, reaches a local
// mock-intacct unmodified. Any other host name goes to the real resolver.
"use strict";

const dns = require("dns");

const LOOPBACK = "127.0.0.1";

function isIntacct(hostname) {
    const host = String(hostname || "").toLowerCase().replace(/\.$/, "");
    return host === "intacct.com" || host.endsWith(".intacct.com");
}

function answer(options) {
    // options: undefined, a family number, or an object ({family, all, ...}), as dns.lookup takes.
    const all = options !== null && typeof options === "object" && options.all === true;
    return all ? [{ address: LOOPBACK, family: 4 }] : { address: LOOPBACK, family: 4 };
}

const originalLookup = dns.lookup;
dns.lookup = function lookup(hostname, options, callback) {
    if (!isIntacct(hostname)) {
        return originalLookup.apply(this, arguments);
    }
    if (typeof options === "function") {
        callback = options;
        options = undefined;
    }
    const result = answer(options);
    process.nextTick(() => {
        if (Array.isArray(result)) {
            callback(null, result);
        } else {
            callback(null, result.address, result.family);
        }
    });
    return {};
};

const originalPromisesLookup = dns.promises.lookup;
dns.promises.lookup = function lookup(hostname, options) {
    if (!isIntacct(hostname)) {
        return originalPromisesLookup.apply(this, arguments);
    }
    return Promise.resolve(answer(options));
};
