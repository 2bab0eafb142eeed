# Inheritance: inherited methods, overriding, and base methods calling
# overridden ones.
class Animal:
    def __init__(self, name: str):
        self.name = name

    def sound(self) -> str:
        return "..."

    def speak(self) -> None:
        print(self.name, "says", self.sound())

class Dog(Animal):
    def sound(self) -> str:
        return "woof"

class Puppy(Dog):
    def sound(self) -> str:
        return "yip"

class Cat(Animal):
    def sound(self) -> str:
        return "meow"

Animal("generic").speak()
Dog("rex").speak()
Puppy("bit").speak()
Cat("tom").speak()
