/**
 * `@homebase/ui/forms`: form parts of the pages opened later (sign-in, sign-up, password pages,
 * the sections' cards). A subpath of its own, not the main entry, so that the shell's initial
 * chunk never carries them (PasswordInput included).
 */
export { FormError, type FormErrorProps, Notice, type NoticeProps } from "./form-error";
export { type NewPasswordField, NewPasswordFields, type NewPasswordFieldsProps } from "./new-password-fields";
export { SecretInput } from "./secret-input";
