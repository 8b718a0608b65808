/**
 * The anonymous reporter: someone who fears for their job reports without a name. The office never learns
 * who they are; they get a receipt (shown once, stored nowhere) and a signed acknowledgement, and with the
 * receipt alone they follow the report up and read the office's answers.
 */
import type { AdalClient, AnonymousSubmission } from '@adal/client';
import { formatReceipt, generateReceipt, verifyAcknowledgement } from '@adal/client';
import { streamEvents } from '@adal/core';
import { en, fail, note, refusal } from './narration.js';

/** Submits the anonymous report through `client.receipts`, and shows what the reporter and the log keep. */
export const reportAnonymously = async (client: AdalClient): Promise<AnonymousSubmission> => {
  const submitted = await client.receipts.submitAnonymousReport({
    channel: 'map',
    region: 'KZ-35',
    point: { lat: 49.806, lon: 73.085 },
    category: 'briberyOrExtortion',
    description: en('The tender commission of the kindergarten project takes 10 % from the winner'),
    budgetObject: { name: 'Kindergarten No. 41 construction', amount: 480_000_000_00n },
    evidence: [],
  })();
  if (submitted._tag === 'Left') return fail('the anonymous report', submitted.left);
  const { receipt, reportId, acknowledgement } = submitted.right;
  note(`✓ Kindergarten No. 41 construction (KZ-35), anonymously → ${reportId}`);
  note(`  the receipt, shown once to the reporter: ${receipt}`);
  const statement = acknowledgement.statement;
  note(
    `  the signed acknowledgement: received ${statement.receivedAt}, ${statement.dueRule ?? `due on ${statement.dueDate ?? '?'}`}`,
  );
  // Anyone holding the office's published public key can check the acknowledgement: the reporter can
  // prove the office received the report without saying who they are.
  const publicKey = client.receipts.officeKey?.publicKeyPem;
  const checked = publicKey === undefined ? undefined : verifyAcknowledgement(acknowledgement, publicKey);
  note(
    checked?._tag === 'Right'
      ? `  ✓ the acknowledgement verifies with the office's public key (key ${statement.keyId})`
      : '  ✗ the acknowledgement does not verify',
  );
  // What the log keeps of the reporter: two scrypt derivations of the receipt, never the receipt itself.
  for await (const event of streamEvents(client.store, reportId)) {
    const data = event.data as { readonly reporter?: { readonly receiptHash?: unknown } };
    const stored = data.reporter?.receiptHash;
    if (typeof stored === 'string') note(`  the log keeps only: receiptHash ${stored.slice(0, 40)}…`);
    break;
  }
  return submitted.right;
};

/**
 * The reporter comes back with the receipt: sees the report registered and its due date, adds a
 * follow-up; someone guessing a receipt is refused with the same error as a mistyped one.
 */
export const followUpWithReceipt = async (client: AdalClient, receipt: string): Promise<void> => {
  const session = client.receipts.withReceipt(receipt);
  const status = await session.status()();
  if (status._tag === 'Left') return fail('the receipt', status.left);
  const s = status.right;
  note(
    `✓ with the receipt: ${s.status}${s.registrationNumber === undefined ? '' : ` as ${s.registrationNumber}`}, due on ${s.dueOn ?? '?'}`,
  );
  const posted = await session.postFollowUp(
    en('The minutes of the commission are in the project office, folder 7'),
  )();
  if (posted._tag === 'Left') return fail('the follow-up', posted.left);
  note('✓ the reporter adds a follow-up, still anonymous');
  // A receipt that is well formed but belongs to no report: the office answers as if no such report
  // existed, the same answer a guesser always gets.
  const guessed = formatReceipt(generateReceipt());
  const refused = await client.receipts.withReceipt(guessed).status()();
  note(
    refused._tag === 'Left'
      ? `someone tries another receipt, ${guessed}: ${refusal(refused.left)}`
      : '! a guessed receipt opened the report',
  );
};

/** The reporter reads the office's answer with the receipt. */
export const readAnswers = async (client: AdalClient, receipt: string): Promise<void> => {
  const answers = await client.receipts.withReceipt(receipt).answers()();
  if (answers._tag === 'Left') return fail('the answers', answers.left);
  for (const answer of answers.right) {
    if (answer.kind === 'answer')
      note(`✓ the reporter reads the answer (${answer.late ? 'late' : 'on time'}): "${answer.text.text}"`);
  }
};
