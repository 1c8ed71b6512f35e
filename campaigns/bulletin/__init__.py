"""Loudspeaker bulletins ('bản tin' for the ward's 'hệ thống loa truyền thanh cơ sở'):
``speech`` spells text out for reading aloud, ``assemble`` builds a bulletin from the
calendar's plan, ``write`` writes its TXT and DOCX, ``audio`` a machine-voice WAV."""
