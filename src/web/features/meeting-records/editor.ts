import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';

/**
 * Tiptap (on ProseMirror), configured to write only what the server keeps
 * (server/modules/meeting-records/rich-text.ts): paragraphs, two levels of headings (h4 and h5: the
 * text sits under the version's h3), bulleted and numbered lists, bold, italic, and links made from
 * the addresses typed or pasted.
 *
 * This module is fetched on demand, by RichTextField only. It imports no React (the field binds
 * the editor itself): a lazy chunk that shared React with the home page would split the home
 * page's shared chunk, and the home page would load more.
 */
export function createRichTextEditor(options: {
  element: HTMLElement;
  content: string;
  attributes: Record<string, string>;
  onUpdate: (html: string) => void;
  onChange: () => void;
}): Editor {
  return new Editor({
    element: options.element,
    content: options.content,
    editorProps: { attributes: options.attributes },
    extensions: [
      StarterKit.configure({
        heading: { levels: [4, 5] },
        blockquote: false,
        code: false,
        codeBlock: false,
        horizontalRule: false,
        strike: false,
        underline: false,
        link: { openOnClick: false, autolink: true, defaultProtocol: 'https', protocols: ['mailto'] },
      }),
    ],
    onUpdate: ({ editor }) => options.onUpdate(editor.isEmpty ? '' : editor.getHTML()),
    onTransaction: options.onChange,
  });
}
