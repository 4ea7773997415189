// A new password, typed twice, with its rules shown before submit and ticked as they are met. The
// inputs stay uncontrolled: the form reads them on submit and clears them, so the password never
// sits in React state; only the "rule met" flags do.
import { forwardRef, useImperativeHandle, useRef, useState, type RefObject } from 'react';
import { PasswordField } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n';

export const MIN_PASSWORD = 8;

export interface NewPasswordHandle {
  read(): { password: string; confirm: string };
  clear(): void;
}

type Part = 'password' | 'confirm';

export const NewPassword = forwardRef<NewPasswordHandle, { errors: Partial<Record<Part, string>> }>(
  function NewPassword({ errors }, handle) {
    const { t } = useI18n();
    const passwordRef = useRef<HTMLInputElement>(null);
    const confirmRef = useRef<HTMLInputElement>(null);
    const [rules, setRules] = useState({ length: false, match: false });

    const read = () => ({
      password: passwordRef.current?.value ?? '',
      confirm: confirmRef.current?.value ?? '',
    });
    const checkRules = () => {
      const { password, confirm } = read();
      setRules({
        length: password.length >= MIN_PASSWORD,
        match: password.length > 0 && password === confirm,
      });
    };
    useImperativeHandle(handle, () => ({
      read,
      clear() {
        if (passwordRef.current) passwordRef.current.value = '';
        if (confirmRef.current) confirmRef.current.value = '';
        setRules({ length: false, match: false });
      },
    }));

    const ruleItem = (met: boolean, label: string) => (
      <li className={met ? 'rule rule-met' : 'rule'}>
        <Icon name={met ? 'check' : 'close'} />
        <span>{label}</span>
        <span className="visually-hidden">: {met ? t('register.ruleMet') : t('register.ruleUnmet')}</span>
      </li>
    );
    // The two inputs differ only in label and in what they are tied to; the first also names the rules.
    const input = (
      part: Part,
      label: string,
      ref: RefObject<HTMLInputElement | null>,
      describedBy?: string,
    ) => (
      <PasswordField
        id={`reg-${part}`}
        label={label}
        error={errors[part]}
        autoComplete="new-password"
        ref={ref}
        onInput={checkRules}
        {...(describedBy ? { minLength: MIN_PASSWORD, 'aria-describedby': describedBy } : {})}
      />
    );

    return (
      <>
        <div className="rules" id="reg-rules">
          <p className="rules-title">{t('register.rules')}</p>
          <ul>
            {ruleItem(rules.length, t('register.ruleLength'))}
            {ruleItem(rules.match, t('register.ruleMatch'))}
          </ul>
        </div>
        {input(
          'password',
          t('register.newPassword'),
          passwordRef,
          errors.password ? 'reg-rules reg-password-error' : 'reg-rules',
        )}
        {input('confirm', t('register.confirm'), confirmRef)}
      </>
    );
  },
);
