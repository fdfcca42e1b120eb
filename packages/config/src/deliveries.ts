import { DELIVERY_RETRY_BASE_MS } from "@homebase/jobs";
import { wholeNumber } from "./rules";

/**
 * Alert deliveries (e-mail and Slack), retried by the worker:
 * - `DELIVERY_RETRY_BASE_MS` (@homebase/jobs' DELIVERY_RETRY_BASE_MS, 20 s): the first retry of a
 *   failed delivery waits this long, later ones double. The worker's value decides for every
 *   delivery, whoever enqueued it (delivery jobs carry no delay of their own).
 */
export const deliveriesEnv = {
  DELIVERY_RETRY_BASE_MS: wholeNumber(DELIVERY_RETRY_BASE_MS, { unit: "milliseconds" }),
};
