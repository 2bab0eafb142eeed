def get_version():
    return "8.0+rules_artiq.examples"
