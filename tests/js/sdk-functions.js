// Every concrete function class of the official Sage Intacct JavaScript SDK, built with its required
// fields from MOCKCO's records and executed against mock-intacct. Run by tests/test_sdk_functions.py
// (same environment as sdk-session.js: NODE_OPTIONS preloads intacct-dns.js, INTACCT_* credentials).
//
// The classes are enumerated, not listed: every module under dist/Functions whose default export
// extends AbstractFunction and is not named Abstract* (the SDK's abstract bases all are; the line,
// filter and detail classes are IXmlObjects, not functions). BUILDERS says how to fill each class; a
// class without a builder is sent as constructed (and then fails in the report, naming itself).
// Prints one JSON line: {"sdk": ..., "classes": {"Module/Class": {"status": "success"} or
// {"status": "failure", "error": "XL03000009", "description": "..."}}}.
"use strict";

const fs = require("fs");
const path = require("path");
const IA = require("@intacct/intacct-sdk");
const SDK_VERSION = require("@intacct/intacct-sdk/package.json").version;

const FUNCTIONS = path.join(path.dirname(require.resolve("@intacct/intacct-sdk/package.json")), "dist", "Functions");
const AbstractFunction = require(path.join(FUNCTIONS, "AbstractFunction.js")).default;
const F = IA.Functions;

/** Every concrete function class, keyed "Module/Class" (the file's path under dist/Functions). */
function functionClasses() {
    const found = {};
    const walk = (dir) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const file = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                walk(file);
            } else if (entry.name.endsWith(".js") && entry.name !== "index.js" && !entry.name.startsWith("Abstract")) {
                const cls = require(file).default;
                if (typeof cls === "function" && cls.prototype instanceof AbstractFunction) {
                    found[path.relative(FUNCTIONS, file).replace(/\.js$/, "")] = cls;
                }
            }
        }
    };
    walk(FUNCTIONS);
    return found;
}

const STAMP = Date.now().toString(36).toUpperCase();
let serial = 0;
const uid = (prefix) => `${prefix}${STAMP}${++serial}`;
const today = () => new Date(2026, 0, 15);

function make(cls, fields) {
    const fn = new cls();
    Object.assign(fn, fields);
    return fn;
}

function billLine() {
    return make(F.AccountsPayable.BillLineCreate, { glAccountNumber: "6000", transactionAmount: 10.0 });
}

function invoiceLine() {
    return make(F.AccountsReceivable.InvoiceLineCreate, { glAccountNumber: "4000", transactionAmount: 10.0 });
}

function billFields() {
    return { vendorId: "V0001", transactionDate: today(), dueDate: today(), glPostingDate: today(), lines: [billLine()] };
}

function invoiceFields() {
    return { customerId: "C0001", transactionDate: today(), dueDate: today(), glPostingDate: today(), lines: [invoiceLine()] };
}

/** The first key (RECORDNO or the legacy <key>) a successful result answered. */
function keyOf(result) {
    const data = Array.isArray(result.data) ? result.data : [];
    if (data.length && data[0].RECORDNO) {
        return String(data[0].RECORDNO);
    }
    return result.key != null ? String(result.key) : null;
}

// Builders: async (ctx) => function. ctx.create(fn) runs a prerequisite and gives its key.
const BUILDERS = {
    ApiSessionCreate: () => new F.ApiSessionCreate(),

    // Accounts Payable
    "AccountsPayable/VendorCreate": () => make(F.AccountsPayable.VendorCreate, { vendorId: uid("SV"), vendorName: "SDK Vendor" }),
    "AccountsPayable/VendorUpdate": () => make(F.AccountsPayable.VendorUpdate, { vendorId: "V0002", vendorName: "Pinecrest Renamed" }),
    "AccountsPayable/VendorDelete": async (ctx) => {
        const vendorId = uid("SV");
        await ctx.create(make(F.AccountsPayable.VendorCreate, { vendorId, vendorName: "SDK Vendor" }));
        return make(F.AccountsPayable.VendorDelete, { vendorId });
    },
    "AccountsPayable/BillCreate": () => make(F.AccountsPayable.BillCreate, billFields()),
    "AccountsPayable/BillUpdate": async (ctx) => {
        const recordNo = await ctx.create(make(F.AccountsPayable.BillCreate, billFields()));
        return make(F.AccountsPayable.BillUpdate, { recordNo, description: "SDK updated" });
    },
    "AccountsPayable/BillDelete": async (ctx) => {
        const recordNo = await ctx.create(make(F.AccountsPayable.BillCreate, billFields()));
        return make(F.AccountsPayable.BillDelete, { recordNo });
    },
    "AccountsPayable/BillReverse": async (ctx) => {
        const recordNo = await ctx.create(make(F.AccountsPayable.BillCreate, billFields()));
        return make(F.AccountsPayable.BillReverse, { recordNo, reverseDate: today() });
    },
    "AccountsPayable/BillSummaryCreate": () =>
        make(F.AccountsPayable.BillSummaryCreate, { title: uid("SDK bills "), glPostingDate: today() }),
    "AccountsPayable/ApAdjustmentCreate": () =>
        make(F.AccountsPayable.ApAdjustmentCreate, {
            vendorId: "V0001", transactionDate: today(), glPostingDate: today(),
            lines: [make(F.AccountsPayable.ApAdjustmentLineCreate, { glAccountNumber: "6000", transactionAmount: 5 })],
        }),
    "AccountsPayable/ApAdjustmentDelete": async (ctx) => {
        const recordNo = await ctx.create(BUILDERS["AccountsPayable/ApAdjustmentCreate"]());
        return make(F.AccountsPayable.ApAdjustmentDelete, { recordNo });
    },
    "AccountsPayable/ApAdjustmentSummaryCreate": () =>
        make(F.AccountsPayable.ApAdjustmentSummaryCreate, { title: uid("SDK adj "), glPostingDate: today() }),
    "AccountsPayable/ApPaymentCreate": () => apPayment(),
    "AccountsPayable/ApPaymentUpdate": async (ctx) => {
        const recordNo = await ctx.create(apPayment());
        return new F.AccountsPayable.ApPaymentUpdate(apPaymentInfo({ recordNo, memo: "SDK updated" }));
    },
    "AccountsPayable/ApPaymentReverse": async (ctx) =>
        make(F.AccountsPayable.ApPaymentReverse, { recordNo: await ctx.create(apPayment()), reverseDate: today() }),
    "AccountsPayable/ApPaymentApprove": async (ctx) =>
        make(F.AccountsPayable.ApPaymentApprove, { recordNo: await ctx.create(apPayment()) }),
    "AccountsPayable/ApPaymentConfirm": async (ctx) =>
        make(F.AccountsPayable.ApPaymentConfirm, { recordNo: await ctx.create(apPayment()) }),
    "AccountsPayable/ApPaymentDecline": async (ctx) =>
        make(F.AccountsPayable.ApPaymentDecline, { recordNo: await ctx.create(apPayment()) }),
    "AccountsPayable/ApPaymentDelete": async (ctx) =>
        make(F.AccountsPayable.ApPaymentDelete, { recordNo: await ctx.create(apPayment()) }),
    "AccountsPayable/ApPaymentSend": async (ctx) =>
        make(F.AccountsPayable.ApPaymentSend, { recordNo: await ctx.create(apPayment()) }),
    "AccountsPayable/ApPaymentVoid": async (ctx) =>
        make(F.AccountsPayable.ApPaymentVoid, { recordNo: await ctx.create(apPayment()) }),

    // Accounts Receivable
    "AccountsReceivable/CustomerCreate": () =>
        make(F.AccountsReceivable.CustomerCreate, { customerId: uid("SC"), customerName: "SDK Customer" }),
    "AccountsReceivable/CustomerUpdate": () =>
        make(F.AccountsReceivable.CustomerUpdate, { customerId: "C0002", customerName: "SDK Renamed" }),
    "AccountsReceivable/CustomerDelete": async (ctx) => {
        const customerId = uid("SC");
        await ctx.create(make(F.AccountsReceivable.CustomerCreate, { customerId, customerName: "SDK Customer" }));
        return make(F.AccountsReceivable.CustomerDelete, { customerId });
    },
    "AccountsReceivable/InvoiceCreate": () => make(F.AccountsReceivable.InvoiceCreate, invoiceFields()),
    "AccountsReceivable/InvoiceUpdate": async (ctx) => {
        const recordNo = await ctx.create(make(F.AccountsReceivable.InvoiceCreate, invoiceFields()));
        return make(F.AccountsReceivable.InvoiceUpdate, { recordNo, description: "SDK updated" });
    },
    "AccountsReceivable/InvoiceDelete": async (ctx) => {
        const recordNo = await ctx.create(make(F.AccountsReceivable.InvoiceCreate, invoiceFields()));
        return make(F.AccountsReceivable.InvoiceDelete, { recordNo });
    },
    "AccountsReceivable/InvoiceReverse": async (ctx) => {
        const recordNo = await ctx.create(make(F.AccountsReceivable.InvoiceCreate, invoiceFields()));
        return make(F.AccountsReceivable.InvoiceReverse, { recordNo, reverseDate: today() });
    },
    "AccountsReceivable/InvoiceSummaryCreate": () =>
        make(F.AccountsReceivable.InvoiceSummaryCreate, { title: uid("SDK invoices "), glPostingDate: today() }),
    "AccountsReceivable/ArAdjustmentCreate": () =>
        make(F.AccountsReceivable.ArAdjustmentCreate, {
            customerId: "C0001", transactionDate: today(), glPostingDate: today(),
            lines: [make(F.AccountsReceivable.ArAdjustmentLineCreate, { glAccountNumber: "4000", transactionAmount: 5 })],
        }),
    "AccountsReceivable/ArAdjustmentDelete": async (ctx) => {
        const recordNo = await ctx.create(BUILDERS["AccountsReceivable/ArAdjustmentCreate"]());
        return make(F.AccountsReceivable.ArAdjustmentDelete, { recordNo });
    },
    "AccountsReceivable/ArAdjustmentSummaryCreate": () =>
        make(F.AccountsReceivable.ArAdjustmentSummaryCreate, { title: uid("SDK adj "), glPostingDate: today() }),
    "AccountsReceivable/ArPaymentCreate": () => arPayment(),
    "AccountsReceivable/ArPaymentApply": async (ctx) =>
        make(F.AccountsReceivable.ArPaymentApply, { recordNo: await ctx.create(arPayment()), receivedDate: today() }),
    "AccountsReceivable/ArPaymentReverse": async (ctx) =>
        make(F.AccountsReceivable.ArPaymentReverse, { recordNo: await ctx.create(arPayment()), reverseDate: today() }),
    "AccountsReceivable/ArPaymentSummaryCreate": () =>
        make(F.AccountsReceivable.ArPaymentSummaryCreate, {
            title: uid("SDK payments "), glPostingDate: today(), bankAccountId: "BOA-OP",
        }),

    // Cash Management
    "CashManagement/BankFeedsCreate": () =>
        make(F.CashManagement.BankFeedsCreate, { financialEntity: "BOA-OP", feedDate: today(), feedType: "onl" }),
    "CashManagement/BankFeedsDelete": async (ctx) =>
        make(F.CashManagement.BankFeedsDelete, { recordNo: await ctx.create(BUILDERS["CashManagement/BankFeedsCreate"]()) }),
    "CashManagement/ChargeCardTransactionCreate": () => chargeCard(F.CashManagement.ChargeCardTransactionCreate),
    "CashManagement/ChargeCardTransactionUpdate": async (ctx) => {
        const recordNo = await ctx.create(chargeCard(F.CashManagement.ChargeCardTransactionCreate));
        return make(F.CashManagement.ChargeCardTransactionUpdate, { recordNo, description: "SDK updated" });
    },
    "CashManagement/ChargeCardTransactionReverse": async (ctx) => {
        const recordNo = await ctx.create(chargeCard(F.CashManagement.ChargeCardTransactionCreate));
        return make(F.CashManagement.ChargeCardTransactionReverse, { recordNo, reverseDate: today() });
    },
    "CashManagement/DepositCreate": () =>
        make(F.CashManagement.DepositCreate, {
            bankAccountId: "BOA-OP", depositDate: today(), depositSlipId: uid("DS"),
            transactionKeysToDeposit: [1], // MOCKCO's other receipt 1 waits in undeposited funds
        }),
    "CashManagement/OtherReceiptCreate": () =>
        make(F.CashManagement.OtherReceiptCreate, {
            transactionDate: today(), payer: "SDK payer", paymentMethod: "Printed Check", bankAccountId: "BOA-OP",
            depositDate: today(),
            lines: [make(F.CashManagement.OtherReceiptLineCreate, { glAccountNumber: "4000", transactionAmount: 10 })],
        }),

    // Common
    "Common/GetList/GetList": (ctx, cls) => make(cls, { object: "vendor", maxRecords: 5 }),
    "Common/Inspect": () => make(F.Common.Inspect, { objectName: "VENDOR" }),
    "Common/Lookup": () => make(F.Common.Lookup, { objectName: "VENDOR" }),
    "Common/NewQuery/Query": () => {
        const query = new F.Common.NewQuery.Query();
        query.fromObject = "VENDOR";
        query.selectFields = new F.Common.NewQuery.QuerySelect.SelectBuilder().addFields(["VENDORID"]).selects;
        query.pageSize = 5;
        return query;
    },
    "Common/Read": () => make(F.Common.Read, { objectName: "VENDOR", keys: [1] }),
    "Common/ReadByName": () => make(F.Common.ReadByName, { objectName: "VENDOR", names: ["V0001"] }),
    "Common/ReadByQuery": () => make(F.Common.ReadByQuery, { objectName: "VENDOR", pageSize: 1 }),
    "Common/ReadMore": async (ctx) => {
        const result = await ctx.result(make(F.Common.ReadByQuery, { objectName: "VENDOR", pageSize: 1 }));
        return make(F.Common.ReadMore, { resultId: result.resultId });
    },

    // Company
    "Company/AllocationCreate": () => allocation(),
    "Company/AllocationUpdate": async (ctx) => {
        const fn = allocation();
        await ctx.create(fn);
        return make(F.Company.AllocationUpdate, { allocationId: fn.allocationId, description: "SDK updated" });
    },
    "Company/AllocationDelete": async (ctx) => {
        const fn = allocation();
        await ctx.create(fn);
        return make(F.Company.AllocationDelete, { allocationId: fn.allocationId });
    },
    "Company/AttachmentsCreate": () => attachments(),
    "Company/AttachmentsUpdate": async (ctx) => {
        const fn = attachments();
        await ctx.create(fn);
        return make(F.Company.AttachmentsUpdate, { attachmentsId: fn.attachmentsId, files: [attachmentFile()] });
    },
    "Company/AttachmentsDelete": async (ctx) => {
        const fn = attachments();
        await ctx.create(fn);
        return make(F.Company.AttachmentsDelete, { attachmentsId: fn.attachmentsId });
    },
    "Company/AttachmentsFolderCreate": () => make(F.Company.AttachmentsFolderCreate, { folderName: uid("SDK folder ") }),
    "Company/AttachmentsFolderUpdate": async (ctx) => {
        const folderName = uid("SDK folder ");
        await ctx.result(make(F.Company.AttachmentsFolderCreate, { folderName }));
        return make(F.Company.AttachmentsFolderUpdate, { folderName, description: "SDK" });
    },
    "Company/AttachmentsFolderDelete": async (ctx) => {
        const folderName = uid("SDK folder ");
        await ctx.result(make(F.Company.AttachmentsFolderCreate, { folderName }));
        return make(F.Company.AttachmentsFolderDelete, { folderName });
    },
    "Company/ClassCreate": () => make(F.Company.ClassCreate, { classId: uid("SCL"), className: "SDK Class" }),
    "Company/ClassUpdate": () => make(F.Company.ClassUpdate, { classId: "PRODUCT", className: "Products" }),
    "Company/ClassDelete": async (ctx) => {
        const classId = uid("SCL");
        await ctx.create(make(F.Company.ClassCreate, { classId, className: "SDK Class" }));
        return make(F.Company.ClassDelete, { classId });
    },
    "Company/CompanyPrefsGet": (ctx, cls) => make(cls, { application: "AP" }),
    "Company/ContactCreate": () => make(F.Company.ContactCreate, { contactName: uid("SDK Contact "), printAs: "SDK" }),
    "Company/ContactUpdate": () =>
        make(F.Company.ContactUpdate, { contactName: "Castillo, Jennifer", printAs: "Jennifer Castillo" }),
    "Company/ContactDelete": async (ctx) => {
        const contactName = uid("SDK Contact ");
        await ctx.create(make(F.Company.ContactCreate, { contactName, printAs: "SDK" }));
        return make(F.Company.ContactDelete, { contactName });
    },
    "Company/DepartmentCreate": () =>
        make(F.Company.DepartmentCreate, { departmentId: uid("SD"), departmentName: "SDK Department" }),
    "Company/DepartmentUpdate": () => make(F.Company.DepartmentUpdate, { departmentId: "EXEC", departmentName: "Executive" }),
    "Company/DepartmentDelete": async (ctx) => {
        const departmentId = uid("SD");
        await ctx.create(make(F.Company.DepartmentCreate, { departmentId, departmentName: "SDK Department" }));
        return make(F.Company.DepartmentDelete, { departmentId });
    },
    "Company/GetUserPermissions": (ctx, cls) => make(cls, { userId: "workato_isu" }),
    "Company/LocationCreate": () => make(F.Company.LocationCreate, { locationId: uid("SL"), locationName: "SDK Location" }),
    "Company/LocationUpdate": () => make(F.Company.LocationUpdate, { locationId: "100", locationName: "Boston Headquarters" }),
    "Company/LocationDelete": async (ctx) => {
        const locationId = uid("SL");
        await ctx.create(make(F.Company.LocationCreate, { locationId, locationName: "SDK Location" }));
        return make(F.Company.LocationDelete, { locationId });
    },
    "Company/UserCreate": () =>
        make(F.Company.UserCreate, {
            userId: uid("sdkuser"), userType: "business user", firstName: "SDK", lastName: "User",
            primaryEmailAddress: "sdk@example.com",
        }),
    "Company/UserUpdate": () => make(F.Company.UserUpdate, { userId: "workato_isu", userName: "Workato Integration" }),

    // Contracts and revenue management
    "ContractsRevMgmt/ContractCreate": () => contract(),
    "ContractsRevMgmt/ContractUpdate": async (ctx) => {
        const fn = contract();
        await ctx.create(fn);
        return make(F.ContractsRevMgmt.ContractUpdate, { contractId: fn.contractId, description: "SDK updated" });
    },
    "ContractsRevMgmt/ContractDelete": async (ctx) =>
        make(F.ContractsRevMgmt.ContractDelete, { recordNo: await ctx.create(contract()) }),
    "ContractsRevMgmt/ContractLineCreate": () => contractLine(),
    "ContractsRevMgmt/ContractLineUpdate": async (ctx) =>
        make(F.ContractsRevMgmt.ContractLineUpdate, { recordNo: await ctx.create(contractLine()), quantity: 2 }),
    "ContractsRevMgmt/ContractLineDelete": async (ctx) =>
        make(F.ContractsRevMgmt.ContractLineDelete, { recordNo: await ctx.create(contractLine()) }),
    "ContractsRevMgmt/ContractLineHold": async (ctx) =>
        make(F.ContractsRevMgmt.ContractLineHold, { recordNo: 1, asOfDate: today() }), // MOCKCO's lines 1-12 are in progress
    "ContractsRevMgmt/ContractLineResume": async (ctx) =>
        make(F.ContractsRevMgmt.ContractLineResume, {
            recordNo: await ctx.create(make(F.ContractsRevMgmt.ContractLineHold, { recordNo: 2, asOfDate: today() })),
            asOfDate: today(),
        }),

    // Data delivery service
    "DataDeliveryService/DdsJobCreate": () =>
        make(F.DataDeliveryService.DdsJobCreate, { objectName: "VENDOR", cloudDeliveryName: "SDK", jobType: "all" }),
    "DataDeliveryService/DdsObjectDdlGet": () => make(F.DataDeliveryService.DdsObjectDdlGet, { objectName: "VENDOR" }),
    "DataDeliveryService/DdsObjectList": () => new F.DataDeliveryService.DdsObjectList(),

    // Employee expense
    "EmployeeExpense/EmployeeCreate": () =>
        make(F.EmployeeExpense.EmployeeCreate, { employeeId: uid("SE"), contactName: "Castillo, Jennifer" }),
    "EmployeeExpense/EmployeeUpdate": () =>
        make(F.EmployeeExpense.EmployeeUpdate, { employeeId: "EMP001", contactName: "Castillo, Jennifer" }),
    "EmployeeExpense/EmployeeDelete": async (ctx) => {
        const employeeId = uid("SE");
        await ctx.create(make(F.EmployeeExpense.EmployeeCreate, { employeeId, contactName: "Castillo, Jennifer" }));
        return make(F.EmployeeExpense.EmployeeDelete, { employeeId });
    },
    "EmployeeExpense/ExpenseReportCreate": () => expenseReport(),
    "EmployeeExpense/ExpenseReportDelete": async (ctx) =>
        make(F.EmployeeExpense.ExpenseReportDelete, { recordNo: await ctx.create(expenseReport()) }),
    "EmployeeExpense/ExpenseReportReverse": async (ctx) =>
        make(F.EmployeeExpense.ExpenseReportReverse, { recordNo: await ctx.create(expenseReport()), reverseDate: today() }),
    "EmployeeExpense/ExpenseReportSummaryCreate": () =>
        make(F.EmployeeExpense.ExpenseReportSummaryCreate, { title: uid("SDK expenses "), glPostingDate: today() }),
    "EmployeeExpense/ExpenseAdjustmentCreate": () => expenseAdjustment(),
    "EmployeeExpense/ExpenseAdjustmentDelete": async (ctx) =>
        make(F.EmployeeExpense.ExpenseAdjustmentDelete, { recordNo: await ctx.create(expenseAdjustment()) }),
    "EmployeeExpense/ReimbursementRequestCreate": () =>
        make(F.EmployeeExpense.ReimbursementRequestCreate, {
            bankAccountId: "BOA-OP", employeeId: "EMP001", paymentMethod: "Printed Check", transactionDate: today(),
            applyToTransactions: [make(F.EmployeeExpense.ReimbursementRequestItem, { applyToRecordId: 1, amountToApply: 1 })],
        }),

    // General ledger
    "GeneralLedger/AccountCreate": () =>
        make(F.GeneralLedger.AccountCreate, {
            accountNo: uid("9"), title: "SDK account", accountType: "balancesheet", normalBalance: "debit",
            closingType: "non-closing account",
        }),
    "GeneralLedger/AccountUpdate": () => make(F.GeneralLedger.AccountUpdate, { accountNo: "1000", title: "Cash - Operating (BOA)" }),
    "GeneralLedger/AccountDelete": async (ctx) => {
        const fn = BUILDERS["GeneralLedger/AccountCreate"]();
        await ctx.create(fn);
        return make(F.GeneralLedger.AccountDelete, { accountNo: fn.accountNo });
    },
    "GeneralLedger/StatisticalAccountCreate": () => statAccount(),
    "GeneralLedger/StatisticalAccountUpdate": () =>
        make(F.GeneralLedger.StatisticalAccountUpdate, { accountNo: "9000", title: "Headcount" }),
    "GeneralLedger/StatisticalAccountDelete": async (ctx) => {
        const fn = statAccount();
        await ctx.create(fn);
        return make(F.GeneralLedger.StatisticalAccountDelete, { accountNo: fn.accountNo });
    },
    "GeneralLedger/JournalEntryCreate": () => journalEntry(),
    "GeneralLedger/JournalEntryDelete": async (ctx) =>
        make(F.GeneralLedger.JournalEntryDelete, { recordNo: await ctx.create(journalEntry()) }),
    "GeneralLedger/StatisticalJournalEntryCreate": () => statJournalEntry(),
    "GeneralLedger/StatisticalJournalEntryDelete": async (ctx) =>
        make(F.GeneralLedger.StatisticalJournalEntryDelete, { recordNo: await ctx.create(statJournalEntry()) }),

    // Global consolidations
    "GlobalConsolidations/ConsolidationCreate": () =>
        make(F.GlobalConsolidations.ConsolidationCreate, {
            reportingBookId: "CONSOL", reportingPeriodName: "Month Ended January 2026",
            entities: [make(F.GlobalConsolidations.ConsolidationEntity, { entityId: "E100" })],
        }),

    // Inventory control
    "InventoryControl/ItemCreate": () =>
        make(F.InventoryControl.ItemCreate, { itemId: uid("SI"), itemName: "SDK Item", itemType: "Non-Inventory" }),
    "InventoryControl/ItemUpdate": () => make(F.InventoryControl.ItemUpdate, { itemId: "HW-100", itemName: "Edge Gateway Appliance" }),
    "InventoryControl/ItemDelete": async (ctx) => {
        const fn = BUILDERS["InventoryControl/ItemCreate"]();
        await ctx.create(fn);
        return make(F.InventoryControl.ItemDelete, { itemId: fn.itemId });
    },
    "InventoryControl/WarehouseCreate": () => warehouse(),
    "InventoryControl/WarehouseUpdate": () =>
        make(F.InventoryControl.WarehouseUpdate, { warehouseId: "WH-BOS", warehouseName: "Boston Distribution Center" }),
    "InventoryControl/WarehouseDelete": async (ctx) =>
        make(F.InventoryControl.WarehouseDelete, { recordNo: await ctx.create(warehouse()) }),
    "InventoryControl/InventoryTransactionCreate": () => inventoryTransaction(),
    "InventoryControl/InventoryTransactionDelete": async (ctx) =>
        make(F.InventoryControl.InventoryTransactionDelete, {
            documentId: await ctx.create(inventoryTransaction()), // the key answered is the DOCID
        }),

    // Order entry
    "OrderEntry/OrderEntryTransactionCreate": () => salesOrder(),
    "OrderEntry/OrderEntryTransactionUpdate": () =>
        make(F.OrderEntry.OrderEntryTransactionUpdate, { transactionId: "Sales Order-SO0001", message: "SDK updated" }),
    "OrderEntry/OrderEntryTransactionDelete": async (ctx) =>
        make(F.OrderEntry.OrderEntryTransactionDelete, { documentId: await ctx.create(salesOrder()) }),
    "OrderEntry/OrderEntryRetrievePDF": () => make(F.OrderEntry.OrderEntryRetrievePDF, { documentId: "Sales Order-SO0001" }),

    // Platform services
    "PlatformServices/DimensionsGet": () => new F.PlatformServices.DimensionsGet(),
    "PlatformServices/DimensionRelationshipsGet": () => new F.PlatformServices.DimensionRelationshipsGet(),

    // Projects
    "Projects/ProjectCreate": () =>
        make(F.Projects.ProjectCreate, { projectId: uid("SP"), projectName: "SDK Project", projectCategory: "Contract" }),
    "Projects/ProjectUpdate": () => make(F.Projects.ProjectUpdate, { projectId: "PRJ-1001", description: "SDK updated" }),
    "Projects/ProjectDelete": async (ctx) => {
        const fn = BUILDERS["Projects/ProjectCreate"]();
        await ctx.create(fn);
        return make(F.Projects.ProjectDelete, { projectId: fn.projectId });
    },
    "Projects/TaskCreate": () => make(F.Projects.TaskCreate, { taskName: uid("SDK Task "), projectId: "PRJ-1001" }),
    "Projects/TaskUpdate": async (ctx) =>
        make(F.Projects.TaskUpdate, { recordNo: await ctx.create(BUILDERS["Projects/TaskCreate"]()), description: "SDK" }),
    "Projects/TaskDelete": async (ctx) =>
        make(F.Projects.TaskDelete, { recordNo: await ctx.create(BUILDERS["Projects/TaskCreate"]()) }),
    "Projects/TimesheetCreate": () => timesheet(),
    "Projects/TimesheetUpdate": async (ctx) =>
        make(F.Projects.TimesheetUpdate, { recordNo: await ctx.create(timesheet()), description: "SDK updated" }),
    "Projects/TimesheetDelete": async (ctx) => make(F.Projects.TimesheetDelete, { recordNo: await ctx.create(timesheet()) }),
    "Projects/TimesheetApprove": async (ctx) =>
        make(F.Projects.TimesheetApprove, { recordNo: await ctx.create(timesheet("Submitted")), approvedBy: "EMP001", comment: "ok" }),
    "Projects/TimesheetDecline": async (ctx) =>
        make(F.Projects.TimesheetDecline, { recordNo: await ctx.create(timesheet("Submitted")), declinedBy: "EMP001", comment: "no" }),

    // Purchasing
    "Purchasing/PurchasingTransactionCreate": () => purchaseOrder(),
    "Purchasing/PurchasingTransactionUpdate": () =>
        make(F.Purchasing.PurchasingTransactionUpdate, { documentNumber: "Purchase Order-PO0001", message: "SDK" }),
    "Purchasing/PurchasingTransactionDelete": async (ctx) =>
        make(F.Purchasing.PurchasingTransactionDelete, { documentId: await ctx.create(purchaseOrder()) }),
    "Purchasing/PurchasingTransactionApprove": () =>
        make(F.Purchasing.PurchasingTransactionApprove, { externalId: "Purchase Order-PO0002", comment: "ok" }),
    "Purchasing/PurchasingTransactionDecline": () =>
        make(F.Purchasing.PurchasingTransactionDecline, { externalId: "Purchase Order-PO0003", comment: "no" }),
};

function apPaymentInfo(fields) {
    return Object.assign(new F.AccountsPayable.ApPaymentInfo(), {
        paymentMethod: "Printed Check", financialEntityId: "BOA-OP", vendorId: "V0001", paymentDate: today(),
        transactionCurrency: "USD",
        apPaymentDetails: [new F.AccountsPayable.ApPaymentDetailBill(
            Object.assign(new F.AccountsPayable.ApPaymentDetailBillInfo(), { recordNo: 1, paymentAmount: 1 }))],
    }, fields);
}

function apPayment() {
    return new F.AccountsPayable.ApPaymentCreate(apPaymentInfo({}));
}

function arPayment() {
    return make(F.AccountsReceivable.ArPaymentCreate, {
        customerId: "C0001", transactionPaymentAmount: 1, receivedDate: today(), paymentMethod: "Printed Check",
        bankAccountId: "BOA-OP",
    });
}

function chargeCard(cls) {
    return make(cls, {
        chargeCardId: "AMEX", transactionDate: today(),
        lines: [make(F.CashManagement.ChargeCardTransactionLineCreate, { glAccountNumber: "6000", transactionAmount: 10 })],
    });
}

function allocation() {
    return make(F.Company.AllocationCreate, {
        allocationId: uid("SA"), allocationBy: "Percentage",
        lines: [make(F.Company.AllocationLine, { amount: 100, locationId: "100" })],
    });
}

function attachmentFile() {
    return make(F.Company.AttachmentFile, { fileName: "sdk", extension: "txt", filePath: __filename });
}

function attachments() {
    return make(F.Company.AttachmentsCreate, {
        attachmentsId: uid("SDOC"), attachmentsName: "SDK attachments", attachmentFolderName: "SDK", files: [attachmentFile()],
    });
}

function contract() {
    return make(F.ContractsRevMgmt.ContractCreate, {
        contractId: uid("SCON"), customerId: "C0009", contractName: "SDK Contract", beginDate: today(),
        endDate: new Date(2026, 11, 31), billingFrequency: "Monthly", paymentTerm: "Net 30",
    });
}

function contractLine() {
    return make(F.ContractsRevMgmt.ContractLineCreate, {
        contractId: "CON-0001", itemId: "SUB-400", billingMethod: "Fixed price", beginDate: today(),
        endDate: new Date(2026, 6, 31), quantity: 1, rate: 10,
    });
}

function expenseReport() {
    return make(F.EmployeeExpense.ExpenseReportCreate, {
        employeeId: "EMP001", transactionDate: today(), expenseReportNumber: uid("ER"),
        lines: [make(F.EmployeeExpense.ExpenseReportLineCreate, { expenseType: "Meals", reimbursementAmount: 10, expenseDate: today() })],
    });
}

function expenseAdjustment() {
    return make(F.EmployeeExpense.ExpenseAdjustmentCreate, {
        employeeId: "EMP001", transactionDate: today(), expenseAdjustmentNumber: uid("EA"),
        lines: [make(F.EmployeeExpense.ExpenseAdjustmentLineCreate, { expenseType: "Meals", reimbursementAmount: 5, expenseDate: today() })],
    });
}

function statAccount() {
    return make(F.GeneralLedger.StatisticalAccountCreate, { accountNo: uid("9"), title: "SDK stat", reportType: "forperiod" });
}

function journalEntry() {
    return make(F.GeneralLedger.JournalEntryCreate, {
        journalSymbol: "GJ", postingDate: today(), description: "SDK journal entry",
        lines: [
            make(F.GeneralLedger.JournalEntryLineCreate, { glAccountNumber: "1000", transactionAmount: 10 }),
            make(F.GeneralLedger.JournalEntryLineCreate, { glAccountNumber: "6000", transactionAmount: -10 }),
        ],
    });
}

function statJournalEntry() {
    return make(F.GeneralLedger.StatisticalJournalEntryCreate, {
        journalSymbol: "STAT", postingDate: today(), description: "SDK statistical entry",
        lines: [make(F.GeneralLedger.StatisticalJournalEntryLineCreate, { statAccountNumber: "9000", amount: 1 })],
    });
}

function warehouse() {
    return make(F.InventoryControl.WarehouseCreate, { warehouseId: uid("SW"), warehouseName: "SDK Warehouse", locationId: "100" });
}

function inventoryTransaction() {
    return make(F.InventoryControl.InventoryTransactionCreate, {
        transactionDefinition: "Inventory Adjustment", transactionDate: today(),
        lines: [make(F.InventoryControl.InventoryTransactionLineCreate, { itemId: "HW-100", quantity: 1, warehouseId: "WH-BOS" })],
    });
}

function salesOrder() {
    return make(F.OrderEntry.OrderEntryTransactionCreate, {
        transactionDefinition: "Sales Order", transactionDate: today(), customerId: "C0001",
        lines: [make(F.OrderEntry.OrderEntryTransactionLineCreate, { itemId: "HW-100", quantity: 1 })],
    });
}

function purchaseOrder() {
    return make(F.Purchasing.PurchasingTransactionCreate, {
        transactionDefinition: "Purchase Order", transactionDate: today(), vendorId: "V0001",
        lines: [make(F.Purchasing.PurchasingTransactionLineCreate, { itemId: "HW-100", quantity: 1 })],
    });
}

function timesheet(action) {
    return make(F.Projects.TimesheetCreate, {
        employeeId: "EMP010", beginDate: new Date(2026, 1, 2), action,
        entries: [make(F.Projects.TimesheetEntryCreate, { entryDate: new Date(2026, 1, 2), quantity: 1, projectId: "PRJ-1001" })],
    });
}

/** The outcome of one function: success, or its first error's number and the rest of its text. */
function outcome(result) {
    if (result.status === "success") {
        return { status: "success" };
    }
    const first = (result.errors || [])[0] || "";
    const match = /^(\S+)\s*(.*)$/s.exec(first) || [null, "", first];
    return { status: result.status, error: match[1], description: match[2] };
}

async function main() {
    const client = new IA.OnlineClient(new IA.ClientConfig());
    const single = async (fn) => (await client.executeBatch([fn])).results[0];
    const ctx = {
        result: async (fn) => {
            const result = await single(fn);
            if (result.status !== "success") {
                throw new Error(`prerequisite ${fn.constructor.name}: ${result.errors}`);
            }
            return result;
        },
        create: async (fn) => keyOf(await ctx.result(fn)),
    };
    const classes = {};
    for (const [name, cls] of Object.entries(functionClasses()).sort()) {
        const build = BUILDERS[name] || (() => new cls());
        try {
            const fn = await build(ctx, cls);
            if (!(fn instanceof cls)) {
                throw new Error(`the builder of ${name} made a ${fn.constructor.name}`);
            }
            classes[name] = outcome(await single(fn));
        } catch (error) {
            classes[name] = { status: "error", error: error.name, description: error.message };
        }
    }
    process.stdout.write(JSON.stringify({ sdk: SDK_VERSION, classes }) + "\n");
}

main().catch((error) => {
    process.stderr.write(`FAIL ${error.stack}\n`);
    process.exitCode = 1;
});
