import { zodResolver } from "@hookform/resolvers/zod";
import { Form, useActionData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, type ComponentProps, type ReactNode } from "react";
import { useForm, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { useT } from "~/i18n/react";
import type { FormFailure } from "./validation";

/**
 * react-hook-form with the route's zod schema: the browser validates before posting, the server validates
 * again with the same schema, and server messages land on the same fields. Inputs are uncontrolled and
 * seeded from what the server gave back, so a refused post never loses what was typed.
 */
export function useValidatedForm<Schema extends z.ZodType<FieldValues, FieldValues>>(
  schema: Schema,
  defaultValues: Partial<z.input<Schema>> = {},
) {
  const failure = useActionData<FormFailure>() as FormFailure | undefined;
  return useFormAnswering(schema, defaultValues, failure);
}

/**
 * The form of useValidatedForm for a failure its caller chose (a page with several forms gives each only its
 * own, useIntentForm in app/components/sharing.tsx): seeded from the failure's values, its messages on the
 * fields, the message for the whole form apart.
 */
export function useFormAnswering<Schema extends z.ZodType<FieldValues, FieldValues>>(
  schema: Schema,
  defaultValues: Partial<z.input<Schema>>,
  failure: { errors?: FormFailure["errors"]; values?: Record<string, unknown> } | undefined,
) {
  const form = useForm<z.input<Schema>, unknown, z.output<Schema>>({
    resolver: zodResolver(schema as never) as never,
    mode: "onSubmit",
    reValidateMode: "onChange",
    defaultValues: { ...defaultValues, ...(failure?.values ?? {}) } as never,
  });
  const { setError } = form;
  useEffect(() => {
    for (const [name, message] of Object.entries(failure?.errors ?? {})) {
      if (name !== "form") setError(name as Path<z.input<Schema>>, { type: "server", message });
    }
  }, [failure, setError]);
  return { form, formError: failure?.errors?.form };
}

interface ValidatedFormProps<Values extends FieldValues> extends Omit<
  ComponentProps<typeof Form>,
  "onSubmit"
> {
  form: UseFormReturn<Values, unknown, FieldValues>;
  formError?: string;
  children: ReactNode;
}

/** A Remix <Form> that posts only when the shared schema accepts the input (and works without JS). */
export function ValidatedForm<Values extends FieldValues>({
  form,
  formError,
  children,
  method = "post",
  ...props
}: ValidatedFormProps<Values>) {
  const submit = useSubmit();
  const { tm } = useT();
  return (
    <Form
      method={method}
      noValidate
      {...props}
      onSubmit={(event) => {
        const target = event.currentTarget;
        const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        void form.handleSubmit(() => submit(submitter ?? target, { method, action: props.action }))(
          event,
        );
      }}
    >
      {formError ? (
        <div role="alert" className="alert error">
          {tm(formError)}
        </div>
      ) : null}
      {children}
    </Form>
  );
}

interface FieldProps<Values extends FieldValues> {
  form: UseFormReturn<Values, unknown, FieldValues>;
  name: Path<Values>;
  label: string;
  hint?: string;
}

function useFieldState<Values extends FieldValues>(
  form: UseFormReturn<Values, unknown, FieldValues>,
  name: Path<Values>,
) {
  const message = form.formState.errors[name]?.message;
  const id = `field-${name}`;
  return {
    id,
    message: typeof message === "string" ? message : undefined,
    errorId: `${id}-error`,
    hintId: `${id}-hint`,
  };
}

function FieldShell({
  id,
  label,
  hint,
  hintId,
  message,
  errorId,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  hintId: string;
  message?: string;
  errorId: string;
  children: ReactNode;
}) {
  const { tm } = useT();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      {children}
      {message ? (
        <p className="field-error" id={errorId} role="alert">
          {tm(message)}
        </p>
      ) : null}
    </div>
  );
}

export function TextField<Values extends FieldValues>({
  form,
  name,
  label,
  hint,
  ...input
}: FieldProps<Values> & Omit<ComponentProps<"input">, "name" | "form">) {
  const state = useFieldState(form, name);
  const describedBy = [hint ? state.hintId : null, state.message ? state.errorId : null]
    .filter(Boolean)
    .join(" ");
  return (
    <FieldShell label={label} hint={hint} {...state}>
      <input
        id={state.id}
        aria-invalid={state.message ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...input}
        {...form.register(name)}
      />
    </FieldShell>
  );
}

export function SelectField<Values extends FieldValues>({
  form,
  name,
  label,
  hint,
  options,
  placeholder,
  ...select
}: FieldProps<Values> &
  Omit<ComponentProps<"select">, "name" | "form"> & {
    options: ReadonlyArray<{ value: string; label: string }>;
    placeholder?: string;
  }) {
  const state = useFieldState(form, name);
  const describedBy = [hint ? state.hintId : null, state.message ? state.errorId : null]
    .filter(Boolean)
    .join(" ");
  return (
    <FieldShell label={label} hint={hint} {...state}>
      <select
        id={state.id}
        aria-invalid={state.message ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...select}
        {...form.register(name)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A submit button that says what is happening while the form posts. */
export function SubmitButton({
  children,
  pendingText,
  ...props
}: ComponentProps<"button"> & { pendingText: string }) {
  const navigation = useNavigation();
  const pending =
    navigation.state === "submitting" &&
    (props.value === undefined || navigation.formData?.get(String(props.name)) === props.value);
  return (
    <button type="submit" className="button" aria-disabled={pending} {...props}>
      {pending ? pendingText : children}
    </button>
  );
}
