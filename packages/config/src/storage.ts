import { DEFAULT_RUN_FILE_MAX_BYTES } from "@homebase/blobs";
import { DEFAULT_STORAGE_QUOTA_BYTES } from "@homebase/core";
import { wholeNumber } from "./rules";

/**
 * The storage plan (the API shows and enforces it, the worker raises level alerts against it):
 * - `DEFAULT_STORAGE_QUOTA_BYTES` (core's DEFAULT_STORAGE_QUOTA_BYTES, 100 GB): the quota of an
 *   entity without an admin's override.
 */
export const storageEnv = {
  DEFAULT_STORAGE_QUOTA_BYTES: wholeNumber(DEFAULT_STORAGE_QUOTA_BYTES, { unit: "bytes" }),
};

/**
 * Run files the wandb SDK uploads (the API signs the upload URLs):
 * - `RUN_FILE_MAX_BYTES` (@homebase/blobs' DEFAULT_RUN_FILE_MAX_BYTES, 5 GB): the largest one.
 */
export const runFilesEnv = {
  RUN_FILE_MAX_BYTES: wholeNumber(DEFAULT_RUN_FILE_MAX_BYTES, { unit: "bytes" }),
};
