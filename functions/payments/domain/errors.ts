import { DomainError } from '../../lib/errors';

/** Business: the wallet's available amount is below the total, or there is no wallet. */
export class PaymentDeclined extends DomainError {
  override readonly name = 'PaymentDeclined';
}

/** 409 INSUFFICIENT_FUNDS: a withdrawal above the wallet's available amount. */
export class InsufficientFunds extends DomainError {
  override readonly name = 'InsufficientFunds';
}

/** Technical: CapturePayment found no held amount for the order. */
export class NoHoldToCapture extends DomainError {
  override readonly name = 'NoHoldToCapture';
}

/** Technical: the order's currency is not the deployment's. */
export class CurrencyMismatch extends DomainError {
  override readonly name = 'CurrencyMismatch';
}
