// The official Sage Intacct JavaScript SDK's DimensionsGet and GetUserPermissions, used unmodified, against
// mock-intacct. Run by tests/test_metadata.py with the environment of tests/test_official_sdk.py
// (INTACCT_* credentials, the intacct-dns.js preload); INTACCT_PERMISSIONS_OF names the user whose
// permissions are asked for. Prints one JSON line on stdout with what the SDK parsed:
//   {"sdk", "dimensions": [[objectName, userDefinedDimension, enabledInGL], ...],
//    "applications": [applicationName, ...], "unknownUser": {"message", "errors"}}
// and exits 1 (reasons on stderr) if the SDK throws where it should not.
"use strict";

const IA = require("@intacct/intacct-sdk");
const SDK_VERSION = require("@intacct/intacct-sdk/package.json").version;

const { DimensionsGet } = IA.Functions.PlatformServices;
// The SDK ships GetUserPermissions but its Company index does not export it: required by its path.
const GetUserPermissions = require("@intacct/intacct-sdk/dist/Functions/Company/GetUserPermissions").default;

/** xml2js gives one child as an object and several as an array. */
function list(value) {
    if (value === undefined || value === null || value === "") {
        return [];
    }
    return Array.isArray(value) ? value : [value];
}

async function main() {
    const client = new IA.OnlineClient(new IA.ClientConfig());
    const summary = { sdk: SDK_VERSION };

    const dimensions = (await client.execute(new DimensionsGet())).getResult();
    summary.dimensionsStatus = dimensions.status;
    summary.dimensions = list(dimensions.data[0].dimension).map((d) => [
        d.objectName,
        d.userDefinedDimension,
        d.enabledInGL,
    ]);

    const ask = new GetUserPermissions();
    ask.userId = process.env.INTACCT_PERMISSIONS_OF;
    const permissions = (await client.execute(ask)).getResult();
    summary.permissionsStatus = permissions.status;
    summary.applications = list(permissions.data[0].appSubscription).map((a) => a.applicationName);

    const unknown = new GetUserPermissions();
    unknown.userId = "no_such_user";
    try {
        await client.execute(unknown);
        summary.unknownUser = "no error";
    } catch (error) {
        summary.unknownUser = { name: error.constructor.name, errors: error.errors || [] };
    }
    process.stdout.write(JSON.stringify(summary) + "\n");
}

main().catch((error) => {
    process.stderr.write(`FAIL ${error.stack}\n`);
    process.exitCode = 1;
});
