import type { ChainedCommands, Editor } from '@tiptap/core';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/react.js';

type ToolName = 'heading' | 'subheading' | 'bold' | 'italic' | 'bulletList' | 'orderedList';

interface Tool {
  name: ToolName;
  keys: string;
  active: (editor: Editor) => boolean;
  run: (chain: ChainedCommands) => ChainedCommands;
}

/** The toolbar's buttons, with the shortcuts Tiptap gives them (announced by aria-keyshortcuts). */
const TOOLS: Tool[] = [
  {
    name: 'heading',
    keys: 'Control+Alt+4',
    active: (e) => e.isActive('heading', { level: 4 }),
    run: (c) => c.toggleHeading({ level: 4 }),
  },
  {
    name: 'subheading',
    keys: 'Control+Alt+5',
    active: (e) => e.isActive('heading', { level: 5 }),
    run: (c) => c.toggleHeading({ level: 5 }),
  },
  { name: 'bold', keys: 'Control+B', active: (e) => e.isActive('bold'), run: (c) => c.toggleBold() },
  { name: 'italic', keys: 'Control+I', active: (e) => e.isActive('italic'), run: (c) => c.toggleItalic() },
  {
    name: 'bulletList',
    keys: 'Control+Shift+8',
    active: (e) => e.isActive('bulletList'),
    run: (c) => c.toggleBulletList(),
  },
  {
    name: 'orderedList',
    keys: 'Control+Shift+7',
    active: (e) => e.isActive('orderedList'),
    run: (c) => c.toggleOrderedList(),
  },
];

/** Keys that move along the toolbar (one tab stop; the arrows, Home and End move within it). */
const MOVES: Record<string, (index: number, count: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};

/** The editable text's attributes: a multi-line text box named by the label, described by the hint
 * and, when there is one, the error. */
function textAttributes(
  ids: { textId: string; labelId: string; hintId: string; errorId: string },
  invalid: boolean,
): Record<string, string> {
  return {
    id: ids.textId,
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-labelledby': ids.labelId,
    'aria-describedby': invalid ? `${ids.hintId} ${ids.errorId}` : ids.hintId,
    ...(invalid ? { 'aria-invalid': 'true' } : {}),
    class: 'rich-text rich-text-field__text',
  };
}

/** The text's own HTML, '' while it is empty. */
const htmlOf = (editor: Editor) => (editor.isEmpty ? '' : editor.getHTML());

/**
 * A text with headings, lists and emphasis (the minutes and the report) as HTML, '' while empty,
 * with a toolbar reached by keyboard. The editor (editor.ts) is fetched once the field shows in the
 * browser (no other page, and no reader of the minutes, loads it); the server renders the field
 * with its toolbar waiting.
 */
export function RichTextField({
  label,
  error,
  value,
  onChange,
}: {
  label: string;
  error?: string | undefined;
  value: string;
  onChange: (html: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [labelId, hintId, errorId, textId] = [`${id}-label`, `${id}-hint`, `${id}-error`, `${id}-text`];
  const holder = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [active, setActive] = useState<boolean[]>([]);
  const invalid = error !== undefined;
  const attributes = textAttributes({ textId, labelId, hintId, errorId }, invalid);
  // The latest handler, text and attributes, so the editor made once starts from and calls those
  // of the current render.
  const latest = useRef({ onChange, value, attributes });
  latest.current = { onChange, value, attributes };

  useEffect(() => {
    let made: Editor | null = null;
    let gone = false;
    void import('./editor.js').then(({ createRichTextEditor }) => {
      if (gone || !holder.current) return;
      made = createRichTextEditor({
        element: holder.current,
        content: latest.current.value,
        attributes: latest.current.attributes,
        onUpdate: (html) => latest.current.onChange(html),
        onChange: () => made && setActive(TOOLS.map((tool) => tool.active(made as Editor))),
      });
      setEditor(made);
    });
    return () => {
      gone = true;
      made?.destroy();
    };
  }, []);

  // The text read again (after "Load the current version") replaces what the editor holds.
  useEffect(() => {
    if (editor && value !== htmlOf(editor)) editor.commands.setContent(value, { emitUpdate: false });
  }, [editor, value]);

  // An error named by the server marks the text invalid, so the form's focus lands on it.
  useEffect(() => {
    if (editor)
      editor.setOptions({ editorProps: { attributes: textAttributes({ textId, labelId, hintId, errorId }, invalid) } });
  }, [editor, invalid, textId, labelId, hintId, errorId]);

  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      {/* A contenteditable cannot be a label's control: the text names this by aria-labelledby. */}
      <div id={labelId} className="rich-text-field__label">
        {label}
      </div>
      <p id={hintId} className="field__hint">
        {t('records.editor.hint')}
      </p>
      <Toolbar editor={editor} active={active} controls={textId} />
      <div ref={holder} className="rich-text-field">
        {!editor && <p className="rich-text-field__loading">{t('records.editor.loading')}</p>}
      </div>
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

function Toolbar({ editor, active, controls }: { editor: Editor | null; active: boolean[]; controls: string }) {
  const { t } = useTranslation();
  // Literal keys, so the catalog check sees each one.
  const labels: Record<ToolName, string> = {
    heading: t('records.editor.heading'),
    subheading: t('records.editor.subheading'),
    bold: t('records.editor.bold'),
    italic: t('records.editor.italic'),
    bulletList: t('records.editor.bulletList'),
    orderedList: t('records.editor.orderedList'),
  };
  const [focused, setFocused] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const move = (event: KeyboardEvent) => {
    const next = MOVES[event.key]?.(focused, TOOLS.length);
    if (next === undefined) return;
    event.preventDefault();
    setFocused(next);
    buttons.current[next]?.focus();
  };
  return (
    <div
      role="toolbar"
      aria-label={t('records.editor.toolbar')}
      aria-controls={controls}
      className="rich-text-toolbar"
      onKeyDown={move}
    >
      {TOOLS.map((tool, index) => (
        <button
          key={tool.name}
          ref={(button) => {
            buttons.current[index] = button;
          }}
          type="button"
          className={`rich-text-toolbar__button rich-text-toolbar__button--${tool.name}`}
          tabIndex={index === focused ? 0 : -1}
          aria-pressed={active[index] ?? false}
          aria-keyshortcuts={tool.keys}
          disabled={!editor}
          onFocus={() => setFocused(index)}
          onClick={() => editor && tool.run(editor.chain().focus()).run()}
        >
          {labels[tool.name]}
        </button>
      ))}
    </div>
  );
}
