import { createRef, type Dispatch, type RefObject, type SetStateAction, useRef, useState } from "react";
import { errorMessage, isApiError } from "./api-error";
import { tooManyAttemptsMessage } from "./password-rules";

/** A form's messages: one per field, and `form` for what belongs to no field. */
export type FormErrors<F extends string> = Partial<Record<F, string>> & { form?: string };

export interface FieldRefs<F extends string> {
  /** One input ref per field, stable for the component's life. */
  refs: Record<F, RefObject<HTMLInputElement | null>>;
  /** Puts the focus in the first field, in the form's order, that has a message; false when none has. */
  focusFirst: (errors: Partial<Record<F, string | undefined>>) => boolean;
}

/** The inputs of a form in their order on screen, so that a refused submission focuses the first field at fault. */
export function useFieldRefs<F extends string>(order: readonly F[]): FieldRefs<F> {
  const state = useRef<FieldRefs<F>>(null);
  if (!state.current) {
    const refs = Object.fromEntries(order.map((field) => [field, createRef<HTMLInputElement>()])) as Record<
      F,
      RefObject<HTMLInputElement | null>
    >;
    const focusFirst = (errors: Partial<Record<F, string | undefined>>) => {
      const first = order.find((field) => errors[field]);
      if (first) refs[first].current?.focus();
      return first !== undefined;
    };
    state.current = { refs, focusFirst };
  }
  return state.current;
}

export interface RefusalOptions<F extends string> {
  /** Form field → the API's name for it in a problem's `errors` (`{ next: "newPassword" }`). */
  fields: Partial<Record<F, string>>;
  /** The field where the user typed their password, and what a 401 says when the API names no reason. */
  password: { field: F; wrong: string };
  /** Statuses whose field errors go under the fields (default: 422). */
  placed?: readonly number[];
  /** Where a 409 that names no field goes (e.g. a taken email address); else above the form. */
  conflict?: F;
}

export interface Refusal<F extends string> {
  errors: FormErrors<F>;
  /** The field to empty: the password, when the API said it was wrong. */
  clear?: F;
  /** Where the focus goes: the first field at fault, or none (a message above the form, or a conflict). */
  focus: boolean;
}

/**
 * How a form that asks for the user's password (to change it, or the email address) reads a
 * refusal: a wrong password (401) empties that field and says so under it; field errors go
 * under their fields; too many attempts says how long to wait; anything else goes above the form.
 */
export function refusalErrors<F extends string>(error: unknown, options: RefusalOptions<F>): Refusal<F> {
  const above = (form: string): Refusal<F> => ({ errors: { form } as FormErrors<F>, focus: false });
  if (!isApiError(error)) return above(errorMessage(error));
  const byApi = error.fieldErrors();
  const { field: passwordField, wrong } = options.password;
  if (error.status === 401) {
    const apiName = options.fields[passwordField];
    const errors = { [passwordField]: (apiName && byApi[apiName]) || wrong } as FormErrors<F>;
    return { errors, clear: passwordField, focus: true };
  }
  const placed = Object.fromEntries(
    (Object.entries(options.fields) as [F, string][]).map(([field, apiName]) => [field, byApi[apiName]]),
  ) as FormErrors<F>;
  if ((options.placed ?? [422]).includes(error.status) && Object.values(placed).some(Boolean)) {
    return { errors: placed, focus: true };
  }
  if (error.status === 409 && options.conflict) {
    return { errors: { [options.conflict]: error.detail } as FormErrors<F>, focus: false };
  }
  if (error.status === 429) return above(tooManyAttemptsMessage(error.retryAfter));
  return above(error.detail);
}

export interface FormState<F extends string> extends FieldRefs<F> {
  values: Record<F, string>;
  setValues: Dispatch<SetStateAction<Record<F, string>>>;
  errors: FormErrors<F>;
  setErrors: Dispatch<SetStateAction<FormErrors<F>>>;
  /** Shows a refused submission (see `refusalErrors`): messages, the wrong password emptied, the focus. */
  refuse: (error: unknown, options: RefusalOptions<F>) => void;
}

/**
 * The state of a form whose fields are all text: values, messages, inputs in order (`useFieldRefs`),
 * and `refuse` for the API's refusal, as the Account section's password and email cards use it.
 */
export function useFormState<F extends string>(empty: Record<F, string>, order: readonly F[]): FormState<F> {
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<FormErrors<F>>({});
  const fields = useFieldRefs(order);
  const refuse = (error: unknown, options: RefusalOptions<F>) => {
    const refusal = refusalErrors(error, options);
    const cleared = refusal.clear;
    if (cleared) setValues((v) => ({ ...v, [cleared]: "" }));
    setErrors(refusal.errors);
    if (refusal.focus) fields.focusFirst(refusal.errors);
  };
  return { ...fields, values, setValues, errors, setErrors, refuse };
}

/**
 * The sentence to show under one field for a refused request: the API's message for `field`
 * when it names one, else its detail (or the browser's message when there was no answer).
 */
export function fieldErrorMessage(error: unknown, field: string): string {
  return isApiError(error) ? (error.fieldErrors()[field] ?? error.detail) : errorMessage(error);
}
