import { rollbackLabel, targetName } from '../../../shared/domain/names';
import { useState } from 'react';
import {
  RollbackControlKind,
  type EscalationContact,
  type Runbook,
  type RunbookFields,
} from '../../../shared/domain/workflow';
import type { Target } from '../../app/target';
import { call } from '../../bridge';
import { Field } from '../../ui/Field';
import { Notice } from '../../ui/Notice';

/** Owner, escalation path, business cycle, rollback controls (which knob when) and notes of one target. */
export function RunbookForm({
  target,
  runbook,
  onSaved,
}: {
  target: Target;
  runbook: Runbook;
  onSaved(r: Runbook): void;
}) {
  const [f, setF] = useState<RunbookFields>(() => ({
    owner: runbook.owner,
    escalation: runbook.escalation,
    businessCycleMinutes: runbook.businessCycleMinutes,
    rollbackControls: runbook.rollbackControls,
    notes: runbook.notes,
  }));
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string }>();
  const setEsc = (i: number, patch: Partial<EscalationContact>) =>
    setF({ ...f, escalation: f.escalation.map((e, j) => (j === i ? { ...e, ...patch } : e)) });
  async function save() {
    const r = await call('runbooks.save', { ...target, target: runbook.target, runbook: f });
    if (!r.ok)
      return setMessage({
        tone: 'error',
        text: r.error.issues?.map((i) => `${i.path}: ${i.message}`).join('; ') || r.error.message,
      });
    setMessage({ tone: 'success', text: 'Runbook saved.' });
    onSaved(r.value);
  }
  return (
    <form
      className="card form-card runbook-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      aria-label={`Runbook of ${targetName(runbook.target)}`}
    >
      {!runbook.saved && (
        <Notice tone="info" title="Not documented yet">
          The rollback controls below are suggested defaults; review and save them.
        </Notice>
      )}
      <Field
        label="Owner"
        value={f.owner}
        onChange={(e) => setF({ ...f, owner: e.target.value })}
      />
      <Field
        label="Business cycle (minutes)"
        type="number"
        min={0.05}
        step="any"
        value={f.businessCycleMinutes}
        hint="How long logs are watched after a change; 1440 = 24 h."
        onChange={(e) => setF({ ...f, businessCycleMinutes: Number(e.target.value) })}
      />
      <fieldset>
        <legend>Escalation path</legend>
        {f.escalation.map((e, i) => (
          <div className="row" key={i}>
            <Field
              label={`Name ${i + 1}`}
              value={e.name}
              onChange={(x) => setEsc(i, { name: x.target.value })}
            />
            <Field
              label={`Role ${i + 1}`}
              value={e.role}
              onChange={(x) => setEsc(i, { role: x.target.value })}
            />
            <Field
              label={`Contact ${i + 1}`}
              value={e.contact}
              onChange={(x) => setEsc(i, { contact: x.target.value })}
            />
            <Field
              label={`Link ${i + 1}`}
              value={e.link}
              onChange={(x) => setEsc(i, { link: x.target.value })}
            />
            <button
              type="button"
              onClick={() => setF({ ...f, escalation: f.escalation.filter((_, j) => j !== i) })}
            >
              Remove contact {i + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() =>
            setF({
              ...f,
              escalation: [...f.escalation, { name: '', role: '', contact: '', link: '' }],
            })
          }
        >
          Add contact
        </button>
      </fieldset>
      <fieldset>
        <legend>Rollback controls</legend>
        {f.rollbackControls.map((c, i) => (
          <div className="row control-row" key={i}>
            <label>
              Control {i + 1}{' '}
              <select
                value={c.control}
                onChange={(e) =>
                  setF({
                    ...f,
                    rollbackControls: f.rollbackControls.map((x, j) =>
                      j === i ? { ...x, control: e.target.value as RollbackControlKind } : x,
                    ),
                  })
                }
              >
                {RollbackControlKind.options.map((k) => (
                  <option key={k} value={k}>
                    {rollbackLabel(k, runbook.target)}
                  </option>
                ))}
              </select>
            </label>
            <Field
              label={`When ${i + 1}`}
              value={c.when}
              onChange={(e) =>
                setF({
                  ...f,
                  rollbackControls: f.rollbackControls.map((x, j) =>
                    j === i ? { ...x, when: e.target.value } : x,
                  ),
                })
              }
            />
            <button
              type="button"
              onClick={() =>
                setF({ ...f, rollbackControls: f.rollbackControls.filter((_, j) => j !== i) })
              }
            >
              Remove control {i + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() =>
            setF({
              ...f,
              rollbackControls: [...f.rollbackControls, { control: 'disable', when: '' }],
            })
          }
        >
          Add control
        </button>
      </fieldset>
      <div className="field">
        <label htmlFor="runbook-notes">Notes</label>
        <textarea
          id="runbook-notes"
          rows={3}
          value={f.notes}
          onChange={(e) => setF({ ...f, notes: e.target.value })}
        />
      </div>
      <button type="submit" className="primary save-runbook">
        Save runbook
      </button>
      {message && <Notice tone={message.tone} title={message.text} />}
    </form>
  );
}
