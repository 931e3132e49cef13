// A scripted session of the official Sage Intacct JavaScript SDK (@intacct/intacct-sdk), used
// unmodified, against mock-intacct. Run by tests/test_official_sdk.py:
//
//   NODE_OPTIONS="--require $PWD/tests/js/intacct-dns.js" \
//   INTACCT_ENDPOINT_URL=http://mock.intacct.com:8080/ia/xml/xmlgw.phtml INTACCT_SENDER_ID=... \
//   node tests/js/sdk-session.js
//
// Only the SDK's public API is used, and credentials come from the INTACCT_* variables the SDK
// reads itself. Steps: paging through every GLACCOUNT (readByQuery + readMore; if the fixture has
// fewer than MIN_ACCOUNTS, AccountCreate adds the rest first), an API session (getAPISession,
// endpoint re-validated by the SDK), a vendor's life cycle (create, readByName,
// read, update, query, delete), and a transaction that fails and must leave nothing behind.
// Prints one JSON summary line on stdout; exits 1 (reasons on stderr) if any step fails.
"use strict";

const dns = require("dns");
const IA = require("@intacct/intacct-sdk");
const SDK_VERSION = require("@intacct/intacct-sdk/package.json").version;

const { ReadByQuery, ReadMore, Read, ReadByName } = IA.Functions.Common;
const { Query } = IA.Functions.Common.NewQuery;
const { SelectBuilder } = IA.Functions.Common.NewQuery.QuerySelect;
const { Filter } = IA.Functions.Common.NewQuery.QueryFilter;
const { VendorCreate, VendorUpdate, VendorDelete } = IA.Functions.AccountsPayable;
const { AccountCreate } = IA.Functions.GeneralLedger;

const PAGE_SIZE = 10; // small, so that paging takes several readMore calls
const MIN_ACCOUNTS = 25; // fewer GL accounts than this in the fixture: the script creates the rest
const MAX_PAGES = 1000; // a cursor that never ends fails instead of looping forever

class Mismatch extends Error {}

function check(condition, message) {
    if (!condition) {
        throw new Mismatch(message);
    }
}

/** The records of a result as an array (the SDK gives [] when <data> is empty). */
function records(result) {
    return Array.isArray(result.data) ? result.data : [];
}

/** Runs one function, naming it in any error the SDK throws. */
async function run(client, label, fn, requestConfig) {
    try {
        return (await client.execute(fn, requestConfig)).getResult();
    } catch (error) {
        if (error instanceof Mismatch) {
            throw error;
        }
        throw new Mismatch(`${label}: the SDK threw ${error.name}: ${error.message}`);
    }
}

async function openSession() {
    const config = await IA.SessionProvider.factory(new IA.ClientConfig());
    const host = new URL(config.endpointUrl).hostname;
    check(host.endsWith(".intacct.com"), `getAPISession returned endpoint ${config.endpointUrl}`);
    check(config.sessionId && config.sessionId.endsWith(".."), `unexpected session id ${config.sessionId}`);
    return { client: new IA.OnlineClient(config), endpoint: config.endpointUrl };
}

/** Pages through every GLACCOUNT: readByQuery, then readMore until numremaining is 0. */
async function pageGlAccounts(client) {
    const query = new ReadByQuery();
    query.objectName = "GLACCOUNT";
    query.fields = ["RECORDNO", "ACCOUNTNO", "TITLE"];
    query.pageSize = PAGE_SIZE;
    let result = await run(client, "readByQuery GLACCOUNT", query);
    const total = result.totalCount;
    check(Number.isInteger(total) && total >= 0, `readByQuery GLACCOUNT: totalcount ${total}`);
    const seen = new Set();
    let pages = 0;
    for (;;) {
        pages += 1;
        const page = records(result);
        check(page.length === result.count, `page ${pages}: count=${result.count} but ${page.length} records`);
        check(page.length <= PAGE_SIZE, `page ${pages}: ${page.length} records, page size is ${PAGE_SIZE}`);
        check(result.totalCount === total, `page ${pages}: totalcount changed from ${total} to ${result.totalCount}`);
        for (const record of page) {
            check(record.RECORDNO, `page ${pages}: a record without RECORDNO: ${JSON.stringify(record)}`);
            check(!seen.has(record.RECORDNO), `page ${pages}: RECORDNO ${record.RECORDNO} seen twice`);
            seen.add(record.RECORDNO);
        }
        check(result.numRemaining === total - seen.size,
            `page ${pages}: numremaining ${result.numRemaining}, expected ${total - seen.size}`);
        if (result.numRemaining === 0) {
            break;
        }
        check(result.resultId, `page ${pages}: ${result.numRemaining} records remain but no resultId`);
        check(pages < MAX_PAGES, `more than ${MAX_PAGES} pages`);
        const more = new ReadMore();
        more.resultId = result.resultId;
        result = await run(client, `readMore (page ${pages + 1})`, more);
    }
    check(seen.size === total, `saw ${seen.size} GL accounts, totalcount is ${total}`);
    return { pages, records: seen.size, totalcount: total };
}

/** Creates GL accounts (AccountCreate, one transactional batch) until there are MIN_ACCOUNTS. */
async function seedGlAccounts(client, existing) {
    const stamp = Date.now().toString(36).toUpperCase();
    const creates = [];
    for (let i = existing; i < MIN_ACCOUNTS; i++) {
        const account = new AccountCreate();
        account.accountNo = `SDK${stamp}${String(i).padStart(3, "0")}`;
        account.title = `SDK seeded account ${i}`;
        account.accountType = "balancesheet";
        account.normalBalance = "debit";
        account.closingType = "non-closing account";
        creates.push(account);
    }
    const requestConfig = new IA.RequestConfig();
    requestConfig.transaction = true;
    let response;
    try {
        response = await client.executeBatch(creates, requestConfig);
    } catch (error) {
        throw new Mismatch(`seeding ${creates.length} GL accounts: the SDK threw ${error.name}: ${error.message}`);
    }
    const failed = response.results.filter((r) => r.status !== "success");
    check(failed.length === 0, `seeding GL accounts: ${failed.map((r) => r.status + " " + r.errors).join("; ")}`);
    return creates.length;
}

async function paging(client) {
    let listed = await pageGlAccounts(client);
    let seeded = 0;
    if (listed.totalcount < MIN_ACCOUNTS) { // too few in the fixture to page through: add some
        seeded = await seedGlAccounts(client, listed.totalcount);
        listed = await pageGlAccounts(client);
        check(listed.totalcount === MIN_ACCOUNTS, `after seeding ${seeded}, totalcount is ${listed.totalcount}`);
    }
    check(listed.pages === Math.ceil(listed.totalcount / PAGE_SIZE),
        `${listed.pages} pages for ${listed.totalcount} records at ${PAGE_SIZE} a page`);
    check(listed.pages > 1, "readMore was never called");
    return { ...listed, seeded };
}

function newVendorId(tag) {
    return `SDK${tag}${Date.now()}${Math.floor(Math.random() * 1000)}`;
}

async function createVendor(client, vendorId, name) {
    const create = new VendorCreate();
    create.vendorId = vendorId;
    create.vendorName = name;
    const result = await run(client, `create VENDOR ${vendorId}`, create);
    const keys = records(result);
    check(keys.length === 1 && keys[0].RECORDNO, `create VENDOR ${vendorId}: no RECORDNO in ${JSON.stringify(result.data)}`);
    return keys[0].RECORDNO;
}

async function vendorsNamed(client, vendorId) {
    const read = new ReadByName();
    read.objectName = "VENDOR";
    read.names = [vendorId];
    read.fields = ["RECORDNO", "VENDORID", "NAME"];
    return records(await run(client, `readByName VENDOR ${vendorId}`, read));
}

async function vendorLifeCycle(client) {
    const vendorId = newVendorId("V");
    const recordNo = await createVendor(client, vendorId, "SDK Vendor");

    const named = await vendorsNamed(client, vendorId);
    check(named.length === 1 && named[0].VENDORID === vendorId && named[0].NAME === "SDK Vendor",
        `readByName after create: ${JSON.stringify(named)}`);
    check(named[0].RECORDNO === recordNo, `readByName RECORDNO ${named[0].RECORDNO}, create said ${recordNo}`);

    const read = new Read();
    read.objectName = "VENDOR";
    read.keys = [Number(recordNo)];
    read.fields = ["RECORDNO", "VENDORID", "NAME"];
    const byKey = records(await run(client, `read VENDOR ${recordNo}`, read));
    check(byKey.length === 1 && byKey[0].VENDORID === vendorId, `read after create: ${JSON.stringify(byKey)}`);

    const update = new VendorUpdate();
    update.vendorId = vendorId;
    update.vendorName = "SDK Vendor Renamed";
    await run(client, `update VENDOR ${vendorId}`, update);

    const query = new Query();
    query.fromObject = "VENDOR";
    query.selectFields = new SelectBuilder().addFields(["RECORDNO", "VENDORID", "NAME"]).selects;
    query.filter = new Filter("VENDORID").equalTo(vendorId);
    const queried = records(await run(client, `query VENDOR VENDORID=${vendorId}`, query));
    check(queried.length === 1 && queried[0].NAME === "SDK Vendor Renamed" && queried[0].VENDORID === vendorId,
        `query after update: ${JSON.stringify(queried)}`);

    const remove = new VendorDelete();
    remove.vendorId = vendorId;
    await run(client, `delete_vendor ${vendorId}`, remove);

    const gone = await vendorsNamed(client, vendorId);
    check(gone.length === 0, `readByName after delete_vendor: ${JSON.stringify(gone)}`);
    return { vendorId, recordNo };
}

async function failedTransaction(client) {
    const existingId = newVendorId("D");
    await createVendor(client, existingId, "SDK Existing Vendor");

    const fresh = new VendorCreate();
    fresh.vendorId = newVendorId("T");
    fresh.vendorName = "SDK Transaction Vendor";
    const duplicate = new VendorCreate();
    duplicate.vendorId = existingId; // already exists: this create fails, so the batch rolls back
    duplicate.vendorName = "SDK Duplicate Vendor";

    const requestConfig = new IA.RequestConfig();
    requestConfig.transaction = true;
    let thrown = null;
    try {
        const response = await client.executeBatch([fresh, duplicate], requestConfig);
        const statuses = response.results.map((r) => `${r.functionName}:${r.status}`).join(", ");
        throw new Mismatch(`transaction with a duplicate VENDORID did not fail (results: ${statuses})`);
    } catch (error) {
        if (error instanceof Mismatch) {
            throw error;
        }
        thrown = error;
    }
    check(thrown.name === "ResultException" || /Result status: failure/.test(thrown.message),
        `transaction: expected a ResultException for the failed create, got ${thrown.name}: ${thrown.message}`);

    const leftover = await vendorsNamed(client, fresh.vendorId);
    check(leftover.length === 0, `the rolled-back vendor ${fresh.vendorId} exists: ${JSON.stringify(leftover)}`);
    const kept = await vendorsNamed(client, existingId);
    check(kept.length === 1 && kept[0].NAME === "SDK Existing Vendor",
        `the vendor created before the transaction changed: ${JSON.stringify(kept)}`);

    const cleanup = new VendorDelete();
    cleanup.vendorId = existingId;
    await run(client, `delete_vendor ${existingId}`, cleanup);
    return { error: thrown.message };
}

async function main() {
    check(process.env.INTACCT_ENDPOINT_URL, "INTACCT_ENDPOINT_URL is not set");
    const host = new URL(process.env.INTACCT_ENDPOINT_URL).hostname;
    const resolved = await dns.promises.lookup(host).catch((error) => ({ address: error.code }));
    check(resolved.address === "127.0.0.1", `${host} resolves to ${resolved.address}, not 127.0.0.1: `
        + `preload the resolver with NODE_OPTIONS="--require ${__dirname}/intacct-dns.js"`);

    const summary = { sdk: SDK_VERSION, endpoint: null, pages: 0, records: 0, totalcount: 0, seeded: 0, steps: {} };
    const failures = [];
    const step = async (name, body) => {
        try {
            const out = await body();
            summary.steps[name] = "passed";
            return out;
        } catch (error) {
            summary.steps[name] = "failed";
            failures.push(`${name}: ${error instanceof Mismatch ? error.message : error.stack}`);
            return null;
        }
    };

    // Paging runs with login credentials on every request; the rest on the API session.
    const loginClient = new IA.OnlineClient(new IA.ClientConfig());
    const paged = await step("paging", () => paging(loginClient));
    if (paged) {
        Object.assign(summary, paged);
    }
    const session = await step("session", openSession);
    if (session) {
        summary.endpoint = session.endpoint;
        await step("vendor_crud", () => vendorLifeCycle(session.client));
        await step("transaction", () => failedTransaction(session.client));
    } else {
        summary.steps.vendor_crud = summary.steps.transaction = "skipped";
    }
    summary.passed = Object.values(summary.steps).filter((s) => s === "passed").length;
    process.stdout.write(JSON.stringify(summary) + "\n");
    for (const failure of failures) {
        process.stderr.write(`FAIL ${failure}\n`);
    }
    process.exitCode = failures.length ? 1 : 0;
}

main().catch((error) => {
    process.stderr.write(`FAIL ${error instanceof Mismatch ? error.message : error.stack}\n`);
    process.exitCode = 1;
});
