/**
 * English: the reference catalogue. Its literal types give every key and, through `{name}` placeholders, the
 * parameters t() requires; fa.ts, ar.ts and tl.ts must have exactly these keys and placeholders (test/core/i18n.test.ts).
 * Kept as two sections because Code.js loads on every cell call: the server bundles only `menu`.
 */

/** The add-on menu and the sidebar's title (src/server/sidebar.ts). */
export const menu = {
  'menu.analyze': 'Analyze customers',
  'menu.template': 'Insert template',
  'menu.title': 'Customer Value',
} as const;

/** The sidebar's own words (src/client). */
export const sidebar = {
  'language': 'Language',
  'sheet.rows': '{count} rows',
  'sheet.looksLike': 'Looks like {reason}.',
  'sheet.data': 'Data',
  'sheet.shapeOrders': 'One row per order',
  'sheet.shapeCustomers': 'One row per customer',
  'sheet.reload': 'Reload',
  'sheet.reading': 'Reading the sheet…',
  'columns.legend': 'Columns',
  'columns.none': '(none)',
  'columns.optional': '{label} (optional)',
  'role.customerId': 'Customer',
  'role.orderDate': 'Order date',
  'role.amount': 'Amount',
  'role.cost': 'Cost',
  'role.margin': 'Margin',
  'role.referredBy': 'Referred by',
  'role.orders': 'Number of orders',
  'role.revenue': 'Revenue',
  'role.firstOrder': 'First order',
  'role.lastOrder': 'Last order',
  'check.samples': 'e.g. {samples}',
  'check.noValues': 'no values in the first rows',
  'check.allClear': 'Data check: nothing implausible found.',
  'options.legend': 'Options',
  'options.asOf': 'As of',
  'options.horizon': 'Months to predict',
  'options.discount': 'Annual discount rate, %',
  'options.margin': 'Gross margin, %',
  'options.marginUsed': 'Used because no cost or margin column is chosen.',
  'options.marginNotUsed': 'Not used: margins come from the cost or margin column.',
  'options.inactive': 'Inactive after, days',
  'options.highMeans': 'High means',
  'options.top20': 'top 20%',
  'options.median': 'above the median',
  'options.segmentColumn': 'Add a Segment column beside my data',
  'analyze': 'Analyze',
  'analyze.starting': 'Starting…',
  'results.title': 'Results',
  'results.summary': '{customers} customers, {orders} orders, as of {asOf}.',
  'results.trust': 'Can you trust it?',
  'results.segments': 'Segments',
  'results.pictures': 'Your customers in pictures',
  'results.stages': 'Lifecycle stages',
  'results.contact': 'Contact first',
  'results.export': 'Write a segment to a sheet',
  'results.whatIf': 'What if',
  'charts.concentration': 'How concentrated the predicted value is',
  'charts.stillBuying': 'Who is still buying',
  'charts.perCustomer': 'Predicted value per customer',
  'stages.stage': 'Stage',
  'stages.customers': 'Customers',
  'stages.predicted': 'Predicted, {months} mo',
  'stages.caption': 'Customers in each stage (share of all customers) and their predicted value',
  'error.chooseColumn': 'Choose the {columns} column.',
  'error.chooseColumns': 'Choose the {columns} columns.',
  'error.wholeNumber': '{name} must be a whole number from {min} to {max}.',
  'error.number': '{name} must be a number from {min} to {max}.',
  'error.horizonName': 'Months to predict',
  'error.discountName': 'The discount rate',
  'error.marginName': 'The gross margin',
  'error.inactiveName': 'Inactive after',
  'error.reloadFirst': 'Press Reload to read the sheet first.',
  'error.noAnswer': 'The add-in gave no answer. Try again.',
  'error.couldNotFinish': 'The add-in could not finish: {message}',
  'error.summaryFailed': 'The analysis finished and its sheets were written, but the sidebar could not show the summary ({message}).',
} as const;

export type MenuKey = keyof typeof menu;
export type SidebarKey = keyof typeof sidebar;
export type MenuMessages = Record<MenuKey, string>;
export type SidebarMessages = Record<SidebarKey, string>;
