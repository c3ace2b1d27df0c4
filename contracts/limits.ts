// The API's numeric limits, one place for the request schemas (contracts/http/) and the domain
// rules that hold them (functions/*/domain/): contracts import nothing from the domain.

/** More deliveries than one slot can take: a bigger number is a typo. */
export const MAX_CAPACITY = 10_000;

/** More units than any one shop keeps of a product: a bigger number is a typo. */
export const MAX_ON_HAND = 1_000_000_000;

/** The most one deposit or one withdrawal may move (API.md "Wallet"). */
export const MAX_DEPOSIT = 100_000_000;
