// The log-in form: posts the user and password as JSON; on success the server sets the session
// cookie. (Before this script runs, the form would post to /login, never put the password in a URL.)
const form = document.getElementById('login-form');
const error = document.getElementById('login-error');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.textContent = '';
  const body = JSON.stringify({user: form.user.value, password: form.password.value});
  const r = await fetch('/auth/login', {method: 'POST', headers: {'Content-Type': 'application/json'},
    credentials: 'same-origin', body});
  if (r.ok) {
    location.href = '/';
    return;
  }
  const answer = await r.json().catch(() => ({}));
  error.textContent = answer.error || ('log-in failed: HTTP ' + r.status);
});
document.body.dataset.ready = 'true';
