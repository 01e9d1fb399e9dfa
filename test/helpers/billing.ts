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
