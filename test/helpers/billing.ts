/**
 * Valid billing bodies for the route suites (roles, headers), made afresh on each call because the
 * suites add fields to them.
 */
export function billingSettingsBody() {
  return {
    legalName: 'Harbour Counselling LLC',
    address: null,
    phone: null,
    taxId: '12-3456789',
    groupNpi: '1234567893',
    currency: 'USD',
    invoicePrefix: 'INV-',
    paymentTermsDays: 30,
    invoiceMode: 'per_appointment',
    lateCancelFeeMinor: 5000,
    noShowFeeMinor: 7500,
  };
}

export function clinicianBillingBody() {
  return { credentials: 'LCSW', npi: '1234567893', licenseNumber: '118822', licenseState: 'MA' };
}

export function clientBillingBody() {
  return {
    diagnoses: [{ code: 'F41.1', description: 'Generalized anxiety disorder' }],
    payerName: 'Blue Harbor Health',
    memberId: 'BHH-4471902',
    billingAddress: null,
  };
}

/** A cash payment received today (the test clock's 2 March) kept as credit when nothing is open. */
export function recordPaymentBody() {
  return {
    amountMinor: 5_000,
    receivedOn: '2026-03-02',
    method: 'cash',
    reference: 'Receipt 12',
    allocation: 'oldest',
    invoices: [],
    keepCreditRemainder: true,
  };
}

export function refundBody() {
  return { amountMinor: 1_000, refundedOn: '2026-03-02', method: 'cash', reference: null };
}
