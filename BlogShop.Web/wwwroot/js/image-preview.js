// Shows a chosen picture in the preview before it is uploaded.
document.querySelectorAll('input[type=file][data-preview], #Picture, #Cover').forEach(function (input) {
    var preview = document.getElementById(input.id === 'Cover' ? 'cover-preview' : 'picture-preview');
    if (!preview) { return; }
    input.addEventListener('change', function () {
        if (input.files && input.files[0]) {
            preview.src = URL.createObjectURL(input.files[0]);
            preview.classList.remove('d-none');
        }
    });
});
