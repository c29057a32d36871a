// Modal dialogs on the native <dialog> element (focus trapping and Escape come with it).
import { h } from './dom.js';

let counter = 0;

/**
 * Opens a modal. `content` goes in a <form method="dialog"> so Enter submits and Escape cancels.
 * @returns {{ dialog: HTMLDialogElement, form: HTMLFormElement, close: () => void }}
 */
export function openDialog({ title, content, actions = [], wide = false, onSubmit, onClose }) {
  const titleId = `dialog-title-${++counter}`;
  const form = h('form', { method: 'dialog', novalidate: true }, content);
  const dialog = h(
    'dialog',
    { class: wide ? 'modal modal-wide' : 'modal', 'aria-labelledby': titleId },
    h('div', { class: 'modal-head' }, h('h2', { id: titleId }, title), h('button', { type: 'button', class: 'icon secondary', 'aria-label': 'Close', onclick: () => close() }, '×')),
    form,
  );
  form.append(h('div', { class: 'modal-actions' }, actions));
  if (onSubmit) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      onSubmit(event);
    });
  }
  dialog.addEventListener('close', () => {
    dialog.remove();
    onClose?.();
  });
  document.body.append(dialog);
  dialog.showModal();
  function close() {
    if (dialog.open) dialog.close();
  }
  return { dialog, form, close };
}

/** Asks before doing something that cannot be undone lightly. Resolves with the form (confirmed) or null. */
export function confirmDialog({ title, message, confirmLabel, danger = false, extra = null }) {
  return new Promise((resolve) => {
    let answered = false;
    const { form, close } = openDialog({
      title,
      content: [h('p', {}, message), extra],
      actions: [
        h('button', { type: 'button', class: 'secondary', onclick: () => close() }, 'Cancel'),
        h('button', { type: 'submit', class: danger ? 'danger' : '' }, confirmLabel),
      ],
      onSubmit: () => {
        answered = true;
        resolve(form);
        close();
      },
      onClose: () => {
        if (!answered) resolve(null);
      },
    });
  });
}
